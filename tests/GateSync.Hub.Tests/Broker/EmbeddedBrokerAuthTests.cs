using GateSync.Contracts.Wire;
using GateSync.Hub.Tests.Agents;
using GateSync.Hub.Tests.Support;
using GateSync.Testing;
using GateSync.Testing.Processes;
using MQTTnet;

namespace GateSync.Hub.Tests.Broker;

/// <summary>With Hub:Mqtt:Embedded:RequireAuthentication on, the embedded broker admits registered agents, each to its own topics only.</summary>
public sealed class EmbeddedBrokerAuthTests : IAsyncLifetime
{
    private readonly TempDirectory _data = new();
    private readonly int _port = FreeTcpPort.Next();
    private RunningHub _hub = null!;

    public async Task InitializeAsync() => _hub = await RunningHub.StartEmbeddedAsync(_data.Path, _port, requireAuthentication: true);

    public async Task DisposeAsync()
    {
        await _hub.DisposeAsync();
        _data.Dispose();
    }

    [Fact]
    public async Task Unknown_clients_and_wrong_secrets_are_refused()
    {
        var (username, password) = await AgentClient.RegisterAsync(_hub, "fr-0042", "fr-0042-a");

        AssertRefused(await AgentClient.TryConnectAsync(_port, null, null));
        AssertRefused(await AgentClient.TryConnectAsync(_port, "nobody", password));
        AssertRefused(await AgentClient.TryConnectAsync(_port, username, password + "x"));
        AssertRefused(await AgentClient.TryConnectAsync(_port, "gatesync-hub-internal", "guess"));

        await using var agent = await AgentClient.ConnectAsync(_port, username, password);
    }

    [Fact]
    public async Task An_agent_publishes_only_under_its_own_topics_and_reads_only_its_own_ack_and_cmd()
    {
        var (username, password) = await AgentClient.RegisterAsync(_hub, "fr-0042", "fr-0042-a");
        await AgentClient.RegisterAsync(_hub, "fr-0042", "fr-0042-b");
        await using var agent = await AgentClient.ConnectAsync(_port, username, password);

        Assert.Equal(MqttClientPublishReasonCode.Success, await agent.PublishAsync(Topics.CheckIn("fr-0042", "fr-0042-a"), CheckIns.Payload("fr-0042", "fr-0042-a", 1)));
        Assert.Equal(MqttClientPublishReasonCode.NotAuthorized, await agent.PublishAsync(Topics.CheckIn("fr-0042", "fr-0042-b"), CheckIns.Payload("fr-0042", "fr-0042-b", 1)));
        Assert.Equal(MqttClientPublishReasonCode.NotAuthorized, await agent.PublishAsync(Topics.CheckIn("fr-9999", "fr-0042-a"), CheckIns.Payload("fr-9999", "fr-0042-a", 2)));
        Assert.Equal(MqttClientPublishReasonCode.NotAuthorized, await agent.PublishAsync(Topics.Ack("fr-0042", "fr-0042-a"), "{\"upTo\":99}"u8.ToArray()));

        Assert.Equal(MqttClientSubscribeResultCode.GrantedQoS1, await agent.SubscribeAsync(Topics.Ack("fr-0042", "fr-0042-a")));
        Assert.Equal(MqttClientSubscribeResultCode.GrantedQoS1, await agent.SubscribeAsync(Topics.Command("fr-0042", "fr-0042-a")));
        Assert.Equal(MqttClientSubscribeResultCode.NotAuthorized, await agent.SubscribeAsync(Topics.Ack("fr-0042", "fr-0042-b")));
        Assert.Equal(MqttClientSubscribeResultCode.NotAuthorized, await agent.SubscribeAsync(Topics.AllCheckIns));
        Assert.Equal(MqttClientSubscribeResultCode.NotAuthorized, await agent.SubscribeAsync("#"));

        // Only its own check-in was stored.
        await Eventually.EqualAsync(1L, () => _hub.CountAsync(), "stored check-ins");
        await Task.Delay(500);
        Assert.Equal(1L, await _hub.CountAsync());
        Assert.Equal(1L, await _hub.CountAsync("?agentId=fr-0042-a"));
    }

    [Fact]
    public async Task A_rotated_secret_replaces_the_old_one()
    {
        var (username, old) = await AgentClient.RegisterAsync(_hub, "fr-0042", "fr-0042-a");
        await (await AgentClient.ConnectAsync(_port, username, old)).DisposeAsync();

        var (_, rotated) = await AgentClient.RegisterAsync(_hub, "fr-0042", "fr-0042-a");

        Assert.NotEqual(old, rotated);
        AssertRefused(await AgentClient.TryConnectAsync(_port, username, old));
        await (await AgentClient.ConnectAsync(_port, username, rotated)).DisposeAsync();
    }

    private static void AssertRefused((AgentClient? Client, string Result) attempt)
    {
        Assert.Null(attempt.Client);
        Assert.Contains("BadUserNameOrPassword", attempt.Result, StringComparison.Ordinal);
    }
}
