using GateSync.Agent.Configuration;
using GateSync.Agent.Outbox;
using GateSync.Agent.Readers;
using GateSync.Agent.Residents;
using GateSync.Contracts.Wire;
using Microsoft.Extensions.Options;

namespace GateSync.Agent.Publishing;

/// <summary>
/// The pipeline's last stage: keeps a session with the broker, publishes the outbox's pending check-ins in <c>seq</c> order
/// with QoS 1, and marks sent only what the broker acknowledged. Anything unacknowledged is published again after a reconnect.
/// </summary>
public sealed class MqttPublisher : BackgroundService
{
    private static readonly TimeSpan GoodbyeTimeout = TimeSpan.FromSeconds(5);

    /// <summary>Pause after an unexpected failure or a refused publish, so a persistent fault does not spin.</summary>
    private static readonly TimeSpan RestartDelay = TimeSpan.FromSeconds(5);

    private readonly AgentOptions _options;
    private readonly CheckInOutbox _outbox;
    private readonly OutboxSignal _signal;
    private readonly TimeProvider _time;
    private readonly ILogger<MqttPublisher> _logger;
    private readonly AgentStatusReport _status;
    private readonly OutboxDrain _drain;
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
        _drain = new OutboxDrain(
            outbox, new DrainPace(_options.Publishing.DrainRatePerSecond, time), Topics.CheckIn(_options.SiteId, _options.AgentId), logger);
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
        // A long drain still tells the hub how far along it is.
        var finished = await _drain.RunAsync(
            connection,
            async () =>
            {
                if (_time.GetUtcNow() >= _nextStatusAt)
                {
                    await PublishStatusAsync(connection, stoppingToken).ConfigureAwait(false);
                }
            },
            stoppingToken).ConfigureAwait(false);
        if (!finished)
        {
            // A refusal (not authorised, quota) does not clear by itself in milliseconds; do not hammer the broker.
            await Task.Delay(RestartDelay, _time, stoppingToken).ConfigureAwait(false);
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
