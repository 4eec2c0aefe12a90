using System.Security.Cryptography.X509Certificates;
using GateSync.Agent.Configuration;
using GateSync.Contracts.Wire;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;

namespace GateSync.Agent.Publishing;

/// <summary>One MQTT session with the broker; <see cref="Lost"/> fires when the broker goes away. A new one is made for each connect.</summary>
internal sealed class BrokerConnection : IDisposable
{
    private readonly CancellationTokenSource _lost = new();
    private readonly Lock _gate = new();
    private bool _disposed;

    private BrokerConnection(IMqttClient client)
    {
        Client = client;
        Lost = _lost.Token;
        client.DisconnectedAsync += _ =>
        {
            lock (_gate)
            {
                if (!_disposed)
                {
                    _lost.Cancel();
                }
            }

            return Task.CompletedTask;
        };
    }

    public IMqttClient Client { get; }

    public CancellationToken Lost { get; }

    public bool IsConnected => Client.IsConnected && !Lost.IsCancellationRequested;

    /// <summary>Connects with the agent's offline status as the retained Will, so the broker announces a silent death.</summary>
    public static async Task<BrokerConnection> ConnectAsync(MqttOptions mqtt, string clientId, AgentStatus will, CancellationToken cancellationToken)
    {
        var builder = new MqttClientOptionsBuilder()
            .WithTcpServer(mqtt.Host, mqtt.Port)
            .WithClientId(clientId)

            // MQTT 5, so a broker that refuses a publish (not authorised) says so in the PUBACK instead of dropping it silently.
            .WithProtocolVersion(MqttProtocolVersion.V500)

            // The outbox, not the broker session, holds what is unsent; a fresh session avoids replays the agent already handles.
            .WithCleanStart(true)
            .WithKeepAlivePeriod(TimeSpan.FromSeconds(mqtt.KeepAliveSeconds))
            .WithTimeout(TimeSpan.FromSeconds(mqtt.ConnectTimeoutSeconds))
            .WithWillTopic(Topics.Status(will.SiteId, will.AgentId))
            .WithWillPayload(ContractJson.Serialize(will))
            .WithWillQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
            .WithWillRetain(true);
        if (!string.IsNullOrEmpty(mqtt.Username))
        {
            builder.WithCredentials(mqtt.Username, mqtt.Password ?? string.Empty);
        }

        if (mqtt.UseTls)
        {
            builder.WithTlsOptions(tls =>
            {
                tls.UseTls(true).WithTargetHost(mqtt.Host);
                if (!string.IsNullOrEmpty(mqtt.CaFile))
                {
                    // A district or trial CA that the machine does not trust system-wide.
                    var chain = new X509Certificate2Collection();
                    chain.ImportFromPemFile(mqtt.CaFile);
                    tls.WithTrustChain(chain);
                }
            });
        }

        var connection = new BrokerConnection(new MqttClientFactory().CreateMqttClient());
        try
        {
            var result = await connection.Client.ConnectAsync(builder.Build(), cancellationToken).ConfigureAwait(false);

            // MQTT 5: the most QoS 1 publishes the broker takes unacknowledged; absent means the protocol's 65,535.
            connection.ReceiveMaximum = result.ReceiveMaximum is > 0 and var most ? most : ushort.MaxValue;
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <summary>How many QoS 1 publishes the broker accepts in flight on this connection.</summary>
    public int ReceiveMaximum { get; private set; } = 1;

    /// <summary>Publishes with QoS 1 and waits for the broker's PUBACK; <c>true</c> when the broker took the message.</summary>
    public Task<MqttClientPublishResult> PublishAsync(string topic, byte[] payload, bool retain, CancellationToken cancellationToken)
    {
        var message = new MqttApplicationMessageBuilder()
            .WithTopic(topic)
            .WithPayload(payload)
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
            .WithRetainFlag(retain)
            .WithContentType("application/json")
            .Build();
        return Client.PublishAsync(message, cancellationToken);
    }

    /// <summary>
    /// Subscribes with QoS 1 to the hub's topics for this agent, handing each message to <paramref name="handle"/>;
    /// returns the filters the broker refused.
    /// </summary>
    public async Task<IReadOnlyList<string>> SubscribeAsync(
        IReadOnlyList<string> topics, Action<string, System.Buffers.ReadOnlySequence<byte>> handle, CancellationToken cancellationToken)
    {
        Client.ApplicationMessageReceivedAsync += e =>
        {
            handle(e.ApplicationMessage.Topic, e.ApplicationMessage.Payload);
            return Task.CompletedTask;
        };
        var builder = new MqttClientSubscribeOptionsBuilder();
        foreach (var topic in topics)
        {
            builder.WithTopicFilter(topic, MqttQualityOfServiceLevel.AtLeastOnce);
        }

        var result = await Client.SubscribeAsync(builder.Build(), cancellationToken).ConfigureAwait(false);
        return [.. result.Items
            .Where(i => i.ResultCode is not (MqttClientSubscribeResultCode.GrantedQoS0 or MqttClientSubscribeResultCode.GrantedQoS1 or MqttClientSubscribeResultCode.GrantedQoS2))
            .Select(i => $"{i.TopicFilter.Topic} ({i.ResultCode})")];
    }

    /// <summary>The broker took the message: stored, and delivered to whoever subscribes (perhaps nobody yet).</summary>
    public static bool Accepted(MqttClientPublishResult result) =>
        result.ReasonCode is MqttClientPublishReasonCode.Success or MqttClientPublishReasonCode.NoMatchingSubscribers;

    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
        }

        Client.Dispose();
        _lost.Dispose();
    }
}
