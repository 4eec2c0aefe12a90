using GateSync.Agent.Configuration;
using GateSync.Agent.Outbox;
using GateSync.Agent.Readers;
using GateSync.Agent.Residents;
using GateSync.Contracts.Wire;
using MQTTnet;
using MQTTnet.Exceptions;
using Microsoft.Extensions.Options;

namespace GateSync.Agent.Publishing;

/// <summary>
/// The pipeline's last stage: keeps a session with the broker, publishes the outbox's pending check-ins in <c>seq</c> order
/// with QoS 1, and marks sent only what the broker acknowledged. Anything unacknowledged is published again after a reconnect.
/// </summary>
public sealed class MqttPublisher : BackgroundService
{
    /// <summary>Check-ins read from the outbox at a time; their acks are marked in one transaction.</summary>
    private const int BatchSize = 500;

    /// <summary>Publishes awaiting their PUBACK at once, at most; the broker's receive maximum may lower it.</summary>
    private const int MaxInFlight = 100;

    private static readonly TimeSpan GoodbyeTimeout = TimeSpan.FromSeconds(5);

    /// <summary>Pause after an unexpected failure or a refused publish, so a persistent fault does not spin.</summary>
    private static readonly TimeSpan RestartDelay = TimeSpan.FromSeconds(5);

    private readonly AgentOptions _options;
    private readonly CheckInOutbox _outbox;
    private readonly OutboxSignal _signal;
    private readonly TimeProvider _time;
    private readonly ILogger<MqttPublisher> _logger;
    private readonly AgentStatusReport _status;
    private readonly DrainPace _pace;
    private readonly string _checkInTopic;
    private readonly string _statusTopic;
    private readonly TimeSpan _statusInterval;
    private readonly HubInstructions _instructions;
    private readonly OutboxUpkeep _upkeep;
    private DateTimeOffset _nextStatusAt;

    public MqttPublisher(
        IOptions<AgentOptions> options,
        CheckInOutbox outbox,
        OutboxSignal signal,
        AgentReaders readers,
        TimeProvider time,
        ILogger<MqttPublisher> logger,
        ResidentsList? residents = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Value;
        _outbox = outbox;
        _signal = signal;
        _time = time;
        _logger = logger;
        _status = new AgentStatusReport(_options.SiteId, _options.AgentId, outbox, readers, time);
        _pace = new DrainPace(_options.Publishing.DrainRatePerSecond, time);
        _checkInTopic = Topics.CheckIn(_options.SiteId, _options.AgentId);
        _statusTopic = Topics.Status(_options.SiteId, _options.AgentId);
        _statusInterval = TimeSpan.FromSeconds(_options.Publishing.StatusIntervalSeconds);
        _instructions = new HubInstructions(_options.SiteId, _options.AgentId, outbox, signal, logger, residents);
        _upkeep = new OutboxUpkeep(
            outbox,
            TimeSpan.FromSeconds(_options.Publishing.AckTimeoutSeconds),
            TimeSpan.FromHours(_options.Outbox.RetentionHours),
            time,
            logger);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var scope = PublisherLog.AgentScope(_logger, _options.SiteId, _options.AgentId);
        var reconnect = ReconnectPolicy.Create(_time, _logger, stoppingToken);
        while (!stoppingToken.IsCancellationRequested)
        {
            BrokerConnection? connection = null;
            try
            {
                connection = await reconnect.ExecuteAsync(async ct => await ConnectAsync(ct).ConfigureAwait(false), stoppingToken)
                    .ConfigureAwait(false);
                await RunConnectedAsync(connection, stoppingToken).ConfigureAwait(false);
                PublisherLog.ConnectionLost(_logger, null);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex) when (ConnectionFailure.IsTransient(ex, stoppingToken))
            {
                PublisherLog.ConnectionLost(_logger, ex);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // Whatever else went wrong, the check-ins are safe in the outbox; the publisher must not die silently.
                PublisherLog.Failed(_logger, ex, RestartDelay);
                await DelayUnlessStoppingAsync(RestartDelay, stoppingToken).ConfigureAwait(false);
            }
            finally
            {
                if (connection is not null)
                {
                    if (stoppingToken.IsCancellationRequested)
                    {
                        await SayGoodbyeAsync(connection).ConfigureAwait(false);
                    }

                    connection.Dispose();
                }
            }
        }
    }

    private async Task DelayUnlessStoppingAsync(TimeSpan delay, CancellationToken stoppingToken)
    {
        try
        {
            await Task.Delay(delay, _time, stoppingToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Stopping: the loop condition ends the publisher.
        }
    }

    private async Task<BrokerConnection> ConnectAsync(CancellationToken cancellationToken)
    {
        var mqtt = _options.Mqtt;
        var clientId = mqtt.ClientId ?? _options.AgentId;
        PublisherLog.Connecting(_logger, mqtt.Host, mqtt.Port, clientId);
        return await BrokerConnection.ConnectAsync(mqtt, clientId, _status.Create(AgentState.Offline), cancellationToken)
            .ConfigureAwait(false);
    }

    /// <summary>Returns when the connection is lost; throws when a publish fails on the way.</summary>
    private async Task RunConnectedAsync(BrokerConnection connection, CancellationToken stoppingToken)
    {
        PublisherLog.Connected(_logger, _outbox.LastSeq, _outbox.BacklogCount());
        await SubscribeToHubAsync(connection, stoppingToken).ConfigureAwait(false);

        // The status on connect also tells the hub to ack again what this agent may have missed while away.
        await PublishStatusAsync(connection, stoppingToken).ConfigureAwait(false);
        while (connection.IsConnected)
        {
            _upkeep.RunIfDue();
            await DrainAsync(connection, stoppingToken).ConfigureAwait(false);
            if (_time.GetUtcNow() >= _nextStatusAt)
            {
                await PublishStatusAsync(connection, stoppingToken).ConfigureAwait(false);
            }

            await WaitForWorkAsync(connection, stoppingToken).ConfigureAwait(false);
        }
    }

    /// <summary>The hub's acks and commands for this agent; a fresh session each time, so the subscription is made on every connect.</summary>
    private async Task SubscribeToHubAsync(BrokerConnection connection, CancellationToken stoppingToken)
    {
        var refused = await connection.SubscribeAsync([_instructions.AckTopic, _instructions.CommandTopic], _instructions.Handle, stoppingToken)
            .ConfigureAwait(false);
        foreach (var topic in refused)
        {
            PublisherLog.SubscribeRefused(_logger, topic, "refused");
        }
    }

    /// <summary>Publishes everything pending, oldest first; stops early at a refused check-in so none is ever skipped.</summary>
    private async Task DrainAsync(BrokerConnection connection, CancellationToken stoppingToken)
    {
        var after = 0L;
        while (true)
        {
            var batch = _outbox.Pending(after, BatchSize);
            if (batch.Count == 0)
            {
                return;
            }

            var acknowledged = new List<long>(batch.Count);
            var refused = false;

            // Up to the broker's receive maximum in flight before the oldest PUBACK is awaited: one connection keeps QoS 1
            // order, and waiting for each acknowledgement in turn would cap a backlog drain at one round trip per check-in.
            var window = Math.Clamp(connection.ReceiveMaximum, 1, MaxInFlight);
            var inFlight = new Queue<(long Seq, Task<MqttClientPublishResult> Result)>(window);
            async Task<bool> CompleteOldestAsync()
            {
                var (seq, published) = inFlight.Dequeue();
                var result = await published.ConfigureAwait(false);
                if (!BrokerConnection.Accepted(result))
                {
                    PublisherLog.PublishRefused(_logger, seq, result.ReasonCode.ToString(), result.ReasonString);
                    refused = true;
                    return false;
                }

                acknowledged.Add(seq);
                after = seq;
                return true;
            }

            try
            {
                foreach (var entry in batch)
                {
                    if (inFlight.Count == window && !await CompleteOldestAsync().ConfigureAwait(false))
                    {
                        break;
                    }

                    await _pace.WaitTurnAsync(stoppingToken).ConfigureAwait(false);
                    inFlight.Enqueue((entry.Seq, connection.PublishAsync(_checkInTopic, ContractJson.Serialize(entry.CheckIn), retain: false, stoppingToken)));
                }

                while (!refused && inFlight.Count > 0 && await CompleteOldestAsync().ConfigureAwait(false))
                {
                }
            }
            finally
            {
                // Whatever the broker acknowledged in order is marked, even when the connection broke halfway through the batch;
                // anything after a gap is published again, and the hub stores a repeated (agentId, seq) once.
                _outbox.MarkSent(acknowledged);
                if (acknowledged.Count > 0)
                {
                    PublisherLog.Published(_logger, acknowledged.Count, acknowledged[^1]);
                }

                await ObserveAsync(inFlight).ConfigureAwait(false);
            }

            if (refused)
            {
                // A refusal (not authorised, quota) does not clear by itself in milliseconds; do not hammer the broker.
                await Task.Delay(RestartDelay, _time, stoppingToken).ConfigureAwait(false);
                return;
            }

            // A long drain still tells the hub how far along it is.
            if (_time.GetUtcNow() >= _nextStatusAt)
            {
                await PublishStatusAsync(connection, stoppingToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Lets every publish of a batch finish, so none fails unobserved after the batch has moved on.</summary>
    private static async Task ObserveAsync(IEnumerable<(long Seq, Task<MqttClientPublishResult> Result)> inFlight)
    {
        foreach (var (_, published) in inFlight)
        {
            try
            {
                await published.ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is MqttCommunicationException or OperationCanceledException or ObjectDisposedException)
            {
                // Already accounted for: what was not acknowledged in order stays unsent and goes out again.
            }
        }
    }

    /// <summary>Waits for a new check-in, the next status report or upkeep, or the end of the connection, whichever comes first.</summary>
    private async Task WaitForWorkAsync(BrokerConnection connection, CancellationToken stoppingToken)
    {
        var next = _nextStatusAt < _upkeep.NextAt ? _nextStatusAt : _upkeep.NextAt;
        var untilDue = next - _time.GetUtcNow();
        if (untilDue <= TimeSpan.Zero)
        {
            return;
        }

        using var statusDue = new CancellationTokenSource(untilDue, _time);
        using var wake = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken, connection.Lost, statusDue.Token);
        try
        {
            await _signal.WaitAsync(wake.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
        {
            // Status due or connection lost: the caller looks at which.
        }
    }

    private async Task PublishStatusAsync(BrokerConnection connection, CancellationToken cancellationToken)
    {
        var status = _status.Create(AgentState.Online);
        _nextStatusAt = _time.GetUtcNow() + _statusInterval;
        var result = await connection.PublishAsync(_statusTopic, ContractJson.Serialize(status), retain: true, cancellationToken)
            .ConfigureAwait(false);
        if (BrokerConnection.Accepted(result))
        {
            PublisherLog.StatusPublished(_logger, "online", status.LastSeq, status.Backlog);
        }
    }

    /// <summary>On shutdown, replaces the retained status with offline and disconnects cleanly (a clean disconnect suppresses the Will).</summary>
    private async Task SayGoodbyeAsync(BrokerConnection connection)
    {
        if (!connection.IsConnected)
        {
            return;
        }

        using var timeout = new CancellationTokenSource(GoodbyeTimeout, _time);
        try
        {
            await connection.PublishAsync(_statusTopic, ContractJson.Serialize(_status.Create(AgentState.Offline)), retain: true, timeout.Token)
                .ConfigureAwait(false);
            await connection.Client.DisconnectAsync(new MQTTnet.MqttClientDisconnectOptions(), timeout.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            PublisherLog.GoodbyeFailed(_logger, ex);
        }
    }
}
