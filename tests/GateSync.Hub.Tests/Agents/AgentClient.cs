using System.Buffers;
using System.Collections.Concurrent;
using System.Net.Http.Json;
using System.Text.Json;
using GateSync.Hub.Tests.Support;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;

namespace GateSync.Hub.Tests.Agents;

/// <summary>An MQTT 5 client signed in as an agent (or as anyone), recording what it receives and what the broker answered.</summary>
internal sealed class AgentClient : IAsyncDisposable
{
    private readonly IMqttClient _client;

    private AgentClient(IMqttClient client) => _client = client;

    public ConcurrentQueue<(string Topic, string Payload)> Received { get; } = new();

    /// <summary>Registers <paramref name="agentId"/> at <paramref name="siteId"/> through the hub's API; returns its user name and secret.</summary>
    public static async Task<(string Username, string Password)> RegisterAsync(RunningHub hub, string siteId, string agentId)
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, $"/api/agents/{agentId}") { Content = JsonContent.Create(new { siteId }) };
        request.Headers.Authorization = new("Bearer", RunningHub.AdminToken);
        using var response = await hub.Http.SendAsync(request);
        response.EnsureSuccessStatusCode();
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(agentId, body.GetProperty("agentId").GetString());
        Assert.Equal(siteId, body.GetProperty("siteId").GetString());
        return (body.GetProperty("mqttUsername").GetString()!, body.GetProperty("mqttPassword").GetString()!);
    }

    /// <summary>Connects, or says why the broker refused (its CONNACK reason, or the client's error when it gave none).</summary>
    public static async Task<(AgentClient? Client, string Result)> TryConnectAsync(int port, string? username, string? password)
    {
        var client = new MqttClientFactory().CreateMqttClient();
        var builder = new MqttClientOptionsBuilder()
            .WithTcpServer("127.0.0.1", port)
            .WithProtocolVersion(MqttProtocolVersion.V500)
            .WithClientId("test-" + Guid.NewGuid().ToString("N")[..10])
            .WithTimeout(TimeSpan.FromSeconds(30));
        if (username is not null)
        {
            builder = builder.WithCredentials(username, password);
        }

        var agent = new AgentClient(client);
        client.ApplicationMessageReceivedAsync += e =>
        {
            agent.Received.Enqueue((e.ApplicationMessage.Topic, System.Text.Encoding.UTF8.GetString(e.ApplicationMessage.Payload.ToArray())));
            return Task.CompletedTask;
        };
        try
        {
            var result = await client.ConnectAsync(builder.Build());
            if (result.ResultCode == MqttClientConnectResultCode.Success)
            {
                return (agent, result.ResultCode.ToString());
            }

            client.Dispose();
            return (null, result.ResultCode.ToString());
        }
        catch (MQTTnet.Adapter.MqttConnectingFailedException ex)
        {
            client.Dispose();
            return (null, ex.Message);
        }
    }

    public static async Task<AgentClient> ConnectAsync(int port, string? username, string? password)
    {
        var (client, result) = await TryConnectAsync(port, username, password);
        Assert.True(client is not null, $"connect as {username}: {result}");
        return client!;
    }

    public async Task<MqttClientPublishReasonCode> PublishAsync(string topic, byte[] payload)
    {
        var result = await _client.PublishAsync(new MqttApplicationMessageBuilder()
            .WithTopic(topic)
            .WithPayload(payload)
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
            .Build());
        return result.ReasonCode;
    }

    public async Task<MqttClientSubscribeResultCode> SubscribeAsync(string filter)
    {
        var result = await _client.SubscribeAsync(new MqttClientSubscribeOptionsBuilder()
            .WithTopicFilter(filter, MqttQualityOfServiceLevel.AtLeastOnce)
            .Build());
        return result.Items.Single().ResultCode;
    }

    public async ValueTask DisposeAsync()
    {
        if (_client.IsConnected)
        {
            await _client.DisconnectAsync(new MqttClientDisconnectOptions());
        }

        _client.Dispose();
    }
}
