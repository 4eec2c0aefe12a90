using System.Buffers;
using GateSync.Hub.Broker;
using Microsoft.Extensions.Options;
using MQTTnet;
using MQTTnet.Exceptions;
using Polly;
using Polly.Retry;

namespace GateSync.Hub.Ingest;

/// <summary>
/// Holds the hub's MQTT subscription to every check-in and status, with a persistent session, and hands
/// each message to the <see cref="IngestQueue"/> unacknowledged: the broker keeps a message until the batch
/// writer has committed it. MQTTnet 5 has no managed client, so this owns the reconnect loop.
/// </summary>
public sealed partial class IngestSubscriber(
    IOptions<HubOptions> options,
    IngestQueue queue,
    HubReadiness readiness,
    BrokerInternalCredentials internalCredentials,
    TimeProvider timeProvider,
    ILogger<IngestSubscriber> logger) : BackgroundService
{
    private readonly IngestConnection _connection = IngestConnection.From(options.Value.Mqtt, internalCredentials);

    // Each connection gets a number; an ack for a message from an earlier connection is skipped, because the
    // broker redelivers that message on the new one and a stale packet id could release a different message.
    private int _generation;

    // An ack checks its connection's number and goes out holding this gate; a reconnect takes it to move to the next
    // number. Without it an ack could pass the check, stall, and go out on the next connection, where its packet id may
    // stand for another message, one not yet committed.
    private readonly SemaphoreSlim _connectionGate = new(1, 1);
    private TaskCompletionSource _connectionLost = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private CancellationToken _stopping;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        _stopping = stoppingToken;
        using var client = new MqttClientFactory().CreateMqttClient();
        client.ApplicationMessageReceivedAsync += OnMessageAsync;
        client.DisconnectedAsync += OnDisconnectedAsync;
        var reconnect = BuildReconnectPipeline();

        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                await reconnect.ExecuteAsync(ct => ConnectAndSubscribeAsync(client, ct), stoppingToken).ConfigureAwait(false);
                readiness.SetIngestSubscribed(true);
                await _connectionLost.Task.WaitAsync(stoppingToken).ConfigureAwait(false);
                readiness.SetIngestSubscribed(false);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The host is stopping.
        }
        finally
        {
            readiness.SetIngestSubscribed(false);
            await DisconnectAsync(client).ConfigureAwait(false);
            client.ApplicationMessageReceivedAsync -= OnMessageAsync;
            client.DisconnectedAsync -= OnDisconnectedAsync;
        }
    }

    private async ValueTask ConnectAndSubscribeAsync(IMqttClient client, CancellationToken cancellationToken)
    {
        if (client.IsConnected)
        {
            // Connected but not subscribed (the subscribe failed): start over on a fresh connection.
            await client.DisconnectAsync(new MqttClientDisconnectOptions(), cancellationToken).ConfigureAwait(false);
        }

        _connectionLost = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await _connectionGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            Interlocked.Increment(ref _generation);
        }
        finally
        {
            _connectionGate.Release();
        }

        var connected = await client.ConnectAsync(_connection.ClientOptions(), cancellationToken).ConfigureAwait(false);

        var subscribed = await client.SubscribeAsync(_connection.SubscribeOptions(), cancellationToken).ConfigureAwait(false);
        foreach (var item in subscribed.Items)
        {
            if (item.ResultCode is not (MqttClientSubscribeResultCode.GrantedQoS1 or MqttClientSubscribeResultCode.GrantedQoS2))
            {
                throw new InvalidOperationException($"the broker refused the QoS 1 subscription to {item.TopicFilter.Topic}: {item.ResultCode}");
            }
        }

        Log.Subscribed(logger, _connection.Host, _connection.Port, _connection.ClientId, connected.IsSessionPresent);
    }

    private async Task OnMessageAsync(MqttApplicationMessageReceivedEventArgs args)
    {
        // Acked by the batch writer after the commit, so a crash before it leaves the message with the broker.
        args.AutoAcknowledge = false;
        var generation = Volatile.Read(ref _generation);
        var message = new IngestMessage(
            args.ApplicationMessage.Topic,
            args.ApplicationMessage.Payload.ToArray(),
            ct => AcknowledgeAsync(args, generation, ct));
        await queue.Writer.WriteAsync(message, _stopping).ConfigureAwait(false);
    }

    private async Task AcknowledgeAsync(MqttApplicationMessageReceivedEventArgs args, int generation, CancellationToken cancellationToken)
    {
        await _connectionGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (generation == Volatile.Read(ref _generation))
            {
                await args.AcknowledgeAsync(cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            _connectionGate.Release();
        }
    }

    public override void Dispose()
    {
        _connectionGate.Dispose();
        base.Dispose();
    }

    private Task OnDisconnectedAsync(MqttClientDisconnectedEventArgs args)
    {
        if (args.ClientWasConnected)
        {
            readiness.SetIngestSubscribed(false);
            if (!_stopping.IsCancellationRequested)
            {
                Log.ConnectionLost(logger, _connection.Host, _connection.Port, args.Reason.ToString(), args.Exception);
            }

            _connectionLost.TrySetResult();
        }

        return Task.CompletedTask;
    }

    private ResiliencePipeline BuildReconnectPipeline() =>
        new ResiliencePipelineBuilder { TimeProvider = timeProvider }
            .AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = args => ValueTask.FromResult(
                    args.Outcome.Exception is not null && !args.Context.CancellationToken.IsCancellationRequested),
                MaxRetryAttempts = int.MaxValue,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = TimeSpan.FromMilliseconds(500),
                MaxDelay = TimeSpan.FromSeconds(30),
                OnRetry = args =>
                {
                    Log.ConnectFailed(logger, _connection.Host, _connection.Port, args.AttemptNumber + 1, args.RetryDelay, args.Outcome.Exception?.Message);
                    return ValueTask.CompletedTask;
                },
            })
            .Build();

    private async Task DisconnectAsync(IMqttClient client)
    {
        if (!client.IsConnected)
        {
            return;
        }

        try
        {
            // Keep the session (stating its expiry again) so the broker queues check-ins until the hub is back.
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            var keepSession = new MqttClientDisconnectOptions { SessionExpiryInterval = (uint)IngestConnection.SessionExpiry.TotalSeconds };
            await client.DisconnectAsync(keepSession, timeout.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is OperationCanceledException or MqttCommunicationException)
        {
            Log.DisconnectFailed(logger, ex.Message);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 300, Level = LogLevel.Information, Message = "Ingest subscribed at {Host}:{Port} as {ClientId} (session resumed: {SessionPresent})")]
        public static partial void Subscribed(ILogger logger, string host, int port, string clientId, bool sessionPresent);

        [LoggerMessage(EventId = 301, Level = LogLevel.Warning, Message = "Ingest lost its connection to {Host}:{Port} ({Reason}); reconnecting")]
        public static partial void ConnectionLost(ILogger logger, string host, int port, string reason, Exception? exception);

        [LoggerMessage(EventId = 302, Level = LogLevel.Warning, Message = "Ingest could not connect to {Host}:{Port} (attempt {Attempt}), retrying in {Delay}: {Error}")]
        public static partial void ConnectFailed(ILogger logger, string host, int port, int attempt, TimeSpan delay, string? error);

        [LoggerMessage(EventId = 303, Level = LogLevel.Debug, Message = "Ingest disconnect on shutdown did not complete: {Error}")]
        public static partial void DisconnectFailed(ILogger logger, string error);
    }
}
