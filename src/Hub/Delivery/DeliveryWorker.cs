using GateSync.Contracts.Wire;
using GateSync.Hub.Storage;
using Microsoft.Extensions.Options;

namespace GateSync.Hub.Delivery;

/// <summary>
/// Closes the loop with the agents. After each committed batch it acks, per agent, the unbroken run of stored seqs from 1
/// (coalesced: only when it grew, or when the agent shows it missed the last ack by sending an acked check-in again or
/// by reconnecting). Every few seconds it looks for gaps that persist and asks the agent to replay them.
/// </summary>
public sealed partial class DeliveryWorker(
    DeliveryQueue queue,
    AgentMessenger messenger,
    HubDatabase database,
    IOptions<DeliveryOptions> options,
    TimeProvider time,
    ILogger<DeliveryWorker> logger) : BackgroundService
{
    private readonly Dictionary<string, long> _acked = new(StringComparer.Ordinal);
    private readonly GapWatch _gaps = new(
        TimeSpan.FromSeconds(options.Value.GapReplayAfterSeconds), TimeSpan.FromSeconds(options.Value.ReplayIntervalSeconds));

    private readonly TimeSpan _scanInterval = TimeSpan.FromSeconds(options.Value.GapScanIntervalSeconds);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var nextScan = time.GetUtcNow() + _scanInterval;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await WaitForWorkAsync(nextScan, stoppingToken).ConfigureAwait(false);
                await AckTouchedAsync(stoppingToken).ConfigureAwait(false);
                if (time.GetUtcNow() >= nextScan)
                {
                    nextScan = time.GetUtcNow() + _scanInterval;
                    await RequestMissingAsync(stoppingToken).ConfigureAwait(false);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                // Acks are repeatable: the next batch or status acks again. The worker must not die for one bad round.
                Log.RoundFailed(logger, ex);
            }
        }
    }

    private async Task WaitForWorkAsync(DateTimeOffset nextScan, CancellationToken stoppingToken)
    {
        var wait = nextScan - time.GetUtcNow();
        if (wait <= TimeSpan.Zero)
        {
            return;
        }

        using var timer = new CancellationTokenSource(wait, time);
        using var wake = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken, timer.Token);
        try
        {
            await queue.Reader.WaitToReadAsync(wake.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
        {
            // Scan due.
        }
    }

    private async Task AckTouchedAsync(CancellationToken stoppingToken)
    {
        var touched = new Dictionary<string, bool>(StringComparer.Ordinal);
        while (queue.Reader.TryRead(out var item))
        {
            var again = item.StatusReceived || item.LowestSeq <= _acked.GetValueOrDefault(item.AgentId);
            touched[item.AgentId] = touched.GetValueOrDefault(item.AgentId) || again;
        }

        foreach (var (agentId, again) in touched)
        {
            var agent = database.Agents.FindById(agentId);
            if (agent is null)
            {
                continue;
            }

            var upTo = AckPoint.Of(agent);
            var last = _acked.GetValueOrDefault(agentId);
            if (upTo == 0 || (upTo <= last && !again))
            {
                continue;
            }

            if (await messenger.TryPublishAsync(Topics.Ack(agent.SiteId, agentId), ContractJson.Serialize(new Ack(upTo)), stoppingToken).ConfigureAwait(false))
            {
                _acked[agentId] = upTo;
                Log.Acked(logger, agentId, upTo);
            }
        }
    }

    private async Task RequestMissingAsync(CancellationToken stoppingToken)
    {
        var now = time.GetUtcNow();
        foreach (var agent in database.Agents.FindAll().ToList())
        {
            var missing = agent.ReceivedRanges().Missing();
            foreach (var range in _gaps.Due(agent.Id, missing, now))
            {
                var command = new AgentCommand { Replay = range };
                if (await messenger.TryPublishAsync(Topics.Command(agent.SiteId, agent.Id), ContractJson.Serialize(command), stoppingToken).ConfigureAwait(false))
                {
                    Log.ReplayRequested(logger, agent.Id, range.From, range.To);
                }
            }
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 710, Level = LogLevel.Debug, Message = "Acked agent {AgentId} up to seq {UpTo}")]
        public static partial void Acked(ILogger logger, string agentId, long upTo);

        [LoggerMessage(EventId = 711, Level = LogLevel.Information, Message = "Asked agent {AgentId} to replay seq {From}-{To}, missing at the hub")]
        public static partial void ReplayRequested(ILogger logger, string agentId, long from, long to);

        [LoggerMessage(EventId = 712, Level = LogLevel.Error, Message = "Delivery round failed; acks and replay requests resume with the next batch")]
        public static partial void RoundFailed(ILogger logger, Exception exception);
    }
}
