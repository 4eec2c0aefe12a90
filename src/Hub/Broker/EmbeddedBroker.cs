using System.Net;
using Microsoft.Extensions.Options;
using MQTTnet.Server;

namespace GateSync.Hub.Broker;

/// <summary>The MQTTnet broker the hub runs itself when <c>Hub:Mqtt:Mode</c> is <c>Embedded</c>; idle otherwise.</summary>
public sealed partial class EmbeddedBroker(
    IOptions<HubOptions> options,
    BrokerConnectionValidator validator,
    BrokerTopicGuard guard,
    ILogger<EmbeddedBroker> logger) : IHostedService, IDisposable
{
    private MqttServer? _server;

    /// <summary>Whether the broker is running (false in External mode).</summary>
    public bool IsStarted => _server?.IsStarted == true;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var mqtt = options.Value.Mqtt;
        if (mqtt.Mode != MqttMode.Embedded)
        {
            return;
        }

        _server = new MqttServerFactory().CreateMqttServer(BuildOptions(mqtt.Embedded));
        _server.ValidatingConnectionAsync += validator.ValidateAsync;
        _server.InterceptingPublishAsync += guard.InterceptPublishAsync;
        _server.InterceptingSubscriptionAsync += guard.InterceptSubscriptionAsync;
        await _server.StartAsync().ConfigureAwait(false);
        Log.Started(logger, string.IsNullOrWhiteSpace(mqtt.Embedded.BindAddress) ? "*" : mqtt.Embedded.BindAddress, mqtt.Embedded.Port);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_server is { IsStarted: true })
        {
            await _server.StopAsync().ConfigureAwait(false);
            Log.Stopped(logger);
        }
    }

    public void Dispose()
    {
        if (_server is not null)
        {
            _server.ValidatingConnectionAsync -= validator.ValidateAsync;
            _server.InterceptingPublishAsync -= guard.InterceptPublishAsync;
            _server.InterceptingSubscriptionAsync -= guard.InterceptSubscriptionAsync;
            _server.Dispose();
        }
    }

    private static MqttServerOptions BuildOptions(EmbeddedBrokerOptions embedded)
    {
        var builder = new MqttServerOptionsBuilder()
            .WithDefaultEndpoint()
            .WithDefaultEndpointPort(embedded.Port)
            // The hub's own session queues every check-in while ingest reconnects or falls behind; MQTTnet's
            // default (250, dropping the oldest) would silently lose them, like Mosquitto's max_queued_messages.
            .WithMaxPendingMessagesPerClient(int.MaxValue)
            .WithPersistentSessions(true);
        if (!string.IsNullOrWhiteSpace(embedded.BindAddress))
        {
            builder = builder.WithDefaultEndpointBoundIPAddress(IPAddress.Parse(embedded.BindAddress));
        }

        return builder.Build();
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 210, Level = LogLevel.Information, Message = "Embedded MQTT broker listening on {Address}:{Port}")]
        public static partial void Started(ILogger logger, string address, int port);

        [LoggerMessage(EventId = 211, Level = LogLevel.Information, Message = "Embedded MQTT broker stopped")]
        public static partial void Stopped(ILogger logger);
    }
}
