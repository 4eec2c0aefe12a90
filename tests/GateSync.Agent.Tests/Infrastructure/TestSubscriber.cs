using System.Buffers;
using System.Collections.Concurrent;
using GateSync.Testing.Mqtt;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;

namespace GateSync.Agent.Tests.Infrastructure;

/// <summary>
/// An MQTT subscriber standing in for the hub: a persistent session (clean start false), QoS 1, collecting every message.
/// After a broker restart, <see cref="ReconnectAsync"/> resumes the session and receives what the broker queued meanwhile.
/// </summary>
public sealed class TestSubscriber : IAsyncDisposable
{
    private readonly MosquittoBroker _broker;
    private readonly string _topicFilter;
    private readonly string _clientId = "test-sub-" + Guid.NewGuid().ToString("N")[..8];
    private IMqttClient? _client;

    private TestSubscriber(MosquittoBroker broker, string topicFilter)
    {
        _broker = broker;
        _topicFilter = topicFilter;
    }

    public ConcurrentQueue<ReceivedMessage> Messages { get; } = new();

    public static async Task<TestSubscriber> ConnectAsync(MosquittoBroker broker, string topicFilter)
    {
        var subscriber = new TestSubscriber(broker, topicFilter);
        await subscriber.ReconnectAsync();
        return subscriber;
    }

    public async Task ReconnectAsync()
    {
        _client?.Dispose();
        _client = new MqttClientFactory().CreateMqttClient();
        _client.ApplicationMessageReceivedAsync += e =>
        {
            Messages.Enqueue(new ReceivedMessage(e.ApplicationMessage.Topic, e.ApplicationMessage.Payload.ToArray(), e.ApplicationMessage.Retain));
            return Task.CompletedTask;
        };
        var options = new MqttClientOptionsBuilder()
            .WithTcpServer(_broker.Host, _broker.Port)
            .WithClientId(_clientId)
            .WithProtocolVersion(MqttProtocolVersion.V500)
            .WithCleanStart(false)
            .WithSessionExpiryInterval(3600)
            .Build();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await _client.ConnectAsync(options, timeout.Token);
        await _client.SubscribeAsync(_topicFilter, MqttQualityOfServiceLevel.AtLeastOnce, timeout.Token);
    }

    public async ValueTask DisposeAsync()
    {
        if (_client is not null)
        {
            if (_client.IsConnected)
            {
                await _client.DisconnectAsync(new MqttClientDisconnectOptions());
            }

            _client.Dispose();
        }
    }
}

public sealed record ReceivedMessage(string Topic, byte[] Payload, bool Retain);
