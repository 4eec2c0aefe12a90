using GateSync.Hub.Broker;
using GateSync.Hub.Ingest;
using Microsoft.Extensions.Options;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;

namespace GateSync.Hub.Delivery;

/// <summary>
/// The hub's voice to its agents: publishes <c>ack</c> and <c>cmd</c> messages with QoS 1 over its own MQTT connection
/// (the embedded broker as the privileged internal user, or the external broker with the hub's account). Nothing is
/// queued while it is disconnected: an agent sends again what stays unacked, and the hub acks again when it does.
/// </summary>
public sealed partial class AgentMessenger(
    IOptions<HubOptions> options,
    BrokerInternalCredentials internalCredentials,
    TimeProvider time,
    ILogger<AgentMessenger> logger) : BackgroundService
{
    private static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(2);

    private readonly MqttClientOptions _clientOptions = ClientOptions(options.Value.Mqtt, internalCredentials);
    private readonly IMqttClient _client = new MqttClientFactory().CreateMqttClient();

    public bool IsConnected => _client.IsConnected;

    /// <summary>Publishes one message; <c>false</c> when the broker is not reachable now or refused it.</summary>
    public async Task<bool> TryPublishAsync(string topic, byte[] payload, CancellationToken cancellationToken)
    {
        if (!_client.IsConnected)
        {
            return false;
        }

        try
        {
            var message = new MqttApplicationMessageBuilder()
                .WithTopic(topic)
                .WithPayload(payload)
                .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
                .WithContentType("application/json")
                .Build();
            var result = await _client.PublishAsync(message, cancellationToken).ConfigureAwait(false);
            return result.IsSuccess || result.ReasonCode == MqttClientPublishReasonCode.NoMatchingSubscribers;
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            Log.PublishFailed(logger, topic, ex.Message);
            return false;
        }
    }

    public override void Dispose()
    {
        _client.Dispose();
        base.Dispose();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (!_client.IsConnected)
                {
                    await _client.ConnectAsync(_clientOptions, stoppingToken).ConfigureAwait(false);
                    Log.Connected(logger, _clientOptions.ClientId);
                }
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                Log.ConnectFailed(logger, ex.Message);
            }

            try
            {
                await Task.Delay(RetryDelay, time, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }

        if (_client.IsConnected)
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            try
            {
                await _client.DisconnectAsync(new MqttClientDisconnectOptions(), timeout.Token).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                Log.ConnectFailed(logger, ex.Message);
            }
        }
    }

    private static MqttClientOptions ClientOptions(HubMqttOptions mqtt, BrokerInternalCredentials internalCredentials)
    {
        var builder = new MqttClientOptionsBuilder()
            .WithProtocolVersion(MqttProtocolVersion.V500)
            .WithCleanStart(true)
            .WithKeepAlivePeriod(TimeSpan.FromSeconds(15))
            .WithTimeout(TimeSpan.FromSeconds(15));
        if (mqtt.Mode == MqttMode.External)
        {
            var external = mqtt.External;
            builder = builder.WithTcpServer(external.Host, external.Port).WithClientId(external.ClientId + "-delivery");
            if (!string.IsNullOrEmpty(external.Username))
            {
                builder = builder.WithCredentials(external.Username, external.Password);
            }

            builder = builder.WithBrokerTls(external.UseTls, external.Host!, external.CaFile);
        }
        else
        {
            builder = builder
                .WithTcpServer(IngestConnection.LoopbackFor(mqtt.Embedded.BindAddress), mqtt.Embedded.Port)
                .WithClientId("gatesync-hub-delivery")
                .WithCredentials(BrokerInternalCredentials.Username, internalCredentials.Password);
        }

        return builder.Build();
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 700, Level = LogLevel.Information, Message = "Delivery connected to the broker as {ClientId}: acks and replay requests go out")]
        public static partial void Connected(ILogger logger, string clientId);

        [LoggerMessage(EventId = 701, Level = LogLevel.Warning, Message = "Delivery could not connect to the broker, retrying: {Error}")]
        public static partial void ConnectFailed(ILogger logger, string error);

        [LoggerMessage(EventId = 702, Level = LogLevel.Debug, Message = "Delivery could not publish to {Topic}: {Error}")]
        public static partial void PublishFailed(ILogger logger, string topic, string error);
    }
}
