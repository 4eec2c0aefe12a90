using System.Security.Cryptography.X509Certificates;
using GateSync.Contracts.Wire;
using GateSync.Hub.Agents;
using GateSync.Hub.Tests.Support;
using GateSync.Testing;
using GateSync.Testing.Processes;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;
using Microsoft.Extensions.DependencyInjection;

namespace GateSync.Hub.Tests.Agents;

/// <summary>
/// The shipped Mosquitto config with the password file and ACL the hub exports: TLS with a trial CA, and each agent kept
/// to its own topics, as the embedded broker keeps it.
/// </summary>
public sealed class MosquittoAclTests : IAsyncLifetime
{
    private const string HubPassword = "hub-test-password";

    private readonly TempDirectory _data = new();
    private readonly TempDirectory _broker = new();
    private RunningHub _hub = null!;
    private ShippedMosquitto _mosquitto = null!;
    private (string User, string Password) _a;
    private (string User, string Password) _b;

    public async Task InitializeAsync()
    {
        _hub = await RunningHub.StartEmbeddedAsync(_data.Path, FreeTcpPort.Next());
        _a = await AgentClient.RegisterAsync(_hub, "fr-0042", "fr-0042-a");
        _b = await AgentClient.RegisterAsync(_hub, "fr-0043", "fr-0043-a");
        // The hub's own account, as an operator makes it with mosquitto_passwd, followed by the exported agents.
        var passwd = $"hub-test:{MosquittoPasswordHash.Create(HubPassword)}\n" + await TextAsync("/api/broker/mosquitto/passwd");
        var acl = await TextAsync("/api/broker/mosquitto/acl?hubUser=hub-test");
        _mosquitto = await ShippedMosquitto.StartAsync(_broker.Path, passwd, acl);
    }

    public async Task DisposeAsync()
    {
        if (_mosquitto is not null)
        {
            await _mosquitto.DisposeAsync();
        }
        await _hub.DisposeAsync();
        _broker.Dispose();
        _data.Dispose();
    }

    [Fact]
    public async Task The_exported_password_file_is_in_mosquitto_format_and_holds_no_secret()
    {
        var passwd = await TextAsync("/api/broker/mosquitto/passwd");
        Assert.Matches(@"^fr-0042-a:\$7\$1000\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+\nfr-0043-a:", passwd);
        Assert.DoesNotContain(_a.Password, passwd, StringComparison.Ordinal);
        Assert.Equal(2, _hub.Services.GetRequiredService<AgentRegistry>().All().Count);
    }

    [Fact]
    public async Task Over_TLS_an_agent_publishes_and_subscribes_only_under_its_own_topics()
    {
        // The hub's account sees everything under gatesync/v1/, so it sees whatever got through.
        using var hub = await ConnectAsync("hub-test", HubPassword);
        var seen = new System.Collections.Concurrent.ConcurrentQueue<string>();
        hub.ApplicationMessageReceivedAsync += e =>
        {
            seen.Enqueue(e.ApplicationMessage.Topic);
            return Task.CompletedTask;
        };
        Assert.Equal(MqttClientSubscribeResultCode.GrantedQoS1, await SubscribeAsync(hub, "gatesync/v1/#"));

        using var a = await ConnectAsync(_a.User, _a.Password);
        var received = new System.Collections.Concurrent.ConcurrentQueue<string>();
        a.ApplicationMessageReceivedAsync += e =>
        {
            received.Enqueue(e.ApplicationMessage.Topic);
            return Task.CompletedTask;
        };
        Assert.Equal(MqttClientPublishReasonCode.Success, await PublishAsync(a, Topics.CheckIn("fr-0042", "fr-0042-a")));
        Assert.Equal(MqttClientSubscribeResultCode.GrantedQoS1, await SubscribeAsync(a, Topics.Ack("fr-0042", "fr-0042-a")));
        Assert.Equal(MqttClientSubscribeResultCode.GrantedQoS1, await SubscribeAsync(a, Topics.Command("fr-0042", "fr-0042-a")));

        // Mosquitto 2.0 may grant a subscription its ACL does not allow reading, but delivers nothing on it.
        await SubscribeAsync(a, Topics.Ack("fr-0043", "fr-0043-a"));
        await SubscribeAsync(a, Topics.AllCheckIns);
        await SubscribeAsync(a, "gatesync/v1/#");

        // Mosquitto answers a refused publish with "not authorized" or by closing the connection; either way it goes nowhere.
        foreach (var foreign in new[] { Topics.CheckIn("fr-0043", "fr-0043-a"), Topics.CheckIn("fr-0043", "fr-0042-a"), Topics.Ack("fr-0042", "fr-0042-a") })
        {
            using var attempt = await ConnectAsync(_a.User, _a.Password);
            var refused = await RefusedAsync(attempt, foreign);
            Assert.True(refused, $"publish to {foreign} was accepted");
        }

        Assert.Equal(MqttClientPublishReasonCode.Success, await PublishAsync(hub, Topics.Ack("fr-0043", "fr-0043-a")));
        using (var b = await ConnectAsync(_b.User, _b.Password))
        {
            await PublishAsync(b, Topics.CheckIn("fr-0043", "fr-0043-a"));
        }

        Assert.Equal(MqttClientPublishReasonCode.Success, await PublishAsync(hub, Topics.Ack("fr-0042", "fr-0042-a")));
        await Eventually.TrueAsync(() => Task.FromResult(seen.Count >= 4 && !received.IsEmpty), "the allowed messages delivered");
        await Task.Delay(500);
        Assert.Equal(
            [Topics.CheckIn("fr-0042", "fr-0042-a"), Topics.Ack("fr-0043", "fr-0043-a"), Topics.CheckIn("fr-0043", "fr-0043-a"), Topics.Ack("fr-0042", "fr-0042-a")],
            seen.ToArray());
        // Its own ack arrives (once per matching subscription); nothing of the other agent's does.
        Assert.All(received, topic => Assert.Equal(Topics.Ack("fr-0042", "fr-0042-a"), topic));
    }

    [Fact]
    public async Task Unknown_users_wrong_secrets_and_anonymous_clients_are_refused()
    {
        await AssertRefusedAsync(null, null);
        await AssertRefusedAsync("nobody", _a.Password);
        await AssertRefusedAsync(_a.User, _b.Password);
    }

    private async Task AssertRefusedAsync(string? user, string? password)
    {
        try
        {
            using var client = await ConnectAsync(user, password);
            Assert.Fail($"{user ?? "anonymous"} was let in");
        }
        catch (MQTTnet.Adapter.MqttConnectingFailedException ex)
        {
            Assert.Matches("BadUserNameOrPassword|NotAuthorized", ex.Message + ex.InnerException?.Message);
        }
    }

    [Fact]
    public async Task A_hub_subscribed_over_TLS_with_the_districts_CA_file_stores_an_agents_check_in()
    {
        using var data = new TempDirectory();
        await using var hub = await RunningHub.StartExternalAsync(data.Path, _mosquitto.TlsPort, "gatesync-hub-tls", builder =>
        {
            // As docs/operations.md sets up a hub on the shipped broker: its account, TLS to the name on the broker's
            // certificate, and the CA that signed it, which this machine does not trust system-wide.
            builder.Configuration["Hub:Mqtt:External:Host"] = "localhost";
            builder.Configuration["Hub:Mqtt:External:UseTls"] = "true";
            builder.Configuration["Hub:Mqtt:External:CaFile"] = _mosquitto.CaFile;
            builder.Configuration["Hub:Mqtt:External:Username"] = "hub-test";
            builder.Configuration["Hub:Mqtt:External:Password"] = HubPassword;
        });
        await Eventually.TrueAsync(() => hub.Services.GetRequiredService<HubReadiness>().IngestSubscribed, "the hub subscribed over TLS", diagnostics: () => _mosquitto.Log);

        using (var agent = await ConnectAsync(_a.User, _a.Password))
        {
            var published = await agent.PublishAsync(new MqttApplicationMessageBuilder()
                .WithTopic(Topics.CheckIn("fr-0042", "fr-0042-a"))
                .WithPayload(CheckIns.Payload("fr-0042", "fr-0042-a", 1))
                .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
                .Build());
            Assert.True(published.IsSuccess, published.ReasonCode.ToString());
        }

        await Eventually.EqualAsync(1L, () => hub.CountAsync("?agentId=fr-0042-a"), "the check-in stored by the hub behind TLS");
    }

    private async Task<IMqttClient> ConnectAsync(string? user, string? password)
    {
        var chain = new X509Certificate2Collection();
        chain.ImportFromPemFile(_mosquitto.CaFile);
        var builder = new MqttClientOptionsBuilder()
            .WithTcpServer("127.0.0.1", _mosquitto.TlsPort)
            .WithProtocolVersion(MqttProtocolVersion.V500)
            .WithClientId("acl-test-" + Guid.NewGuid().ToString("N")[..8])
            .WithTimeout(TimeSpan.FromSeconds(30))
            .WithTlsOptions(tls => tls.UseTls(true).WithTargetHost("localhost").WithTrustChain(chain));
        if (user is not null)
        {
            builder = builder.WithCredentials(user, password);
        }

        var client = new MqttClientFactory().CreateMqttClient();
        try
        {
            var result = await client.ConnectAsync(builder.Build());
            if (result.ResultCode != MqttClientConnectResultCode.Success)
            {
                throw new MQTTnet.Adapter.MqttConnectingFailedException(result.ResultCode.ToString(), null!);
            }

            return client;
        }
        catch
        {
            client.Dispose();
            throw;
        }
    }

    private static async Task<bool> RefusedAsync(IMqttClient client, string topic)
    {
        try
        {
            return await PublishAsync(client, topic) == MqttClientPublishReasonCode.NotAuthorized;
        }
        catch (MQTTnet.Exceptions.MqttClientDisconnectedException)
        {
            return true;
        }
    }

    private static async Task<MqttClientPublishReasonCode> PublishAsync(IMqttClient client, string topic) =>
        (await client.PublishAsync(new MqttApplicationMessageBuilder()
            .WithTopic(topic)
            .WithPayload("{}"u8.ToArray())
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
            .Build())).ReasonCode;

    private static async Task<MqttClientSubscribeResultCode> SubscribeAsync(IMqttClient client, string filter) =>
        (await client.SubscribeAsync(new MqttClientSubscribeOptionsBuilder().WithTopicFilter(filter, MqttQualityOfServiceLevel.AtLeastOnce).Build()))
            .Items.Single().ResultCode;

    private async Task<string> TextAsync(string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = new("Bearer", RunningHub.AdminToken);
        using var response = await _hub.Http.SendAsync(request);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadAsStringAsync();
    }
}
