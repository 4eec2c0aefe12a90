using GateSync.Contracts.Wire;
using GateSync.Hub.Reconciliation;
using Microsoft.Extensions.Options;

namespace GateSync.Hub.Delivery;

/// <summary>
/// Sends each agent the residents of its site on its <c>cmd</c> topic: when the agent comes online (its first online
/// status after an offline one, or the first this hub has seen), and when the list of its site changes: after a registration
/// import has been quiet for <see cref="ImportQuiet"/>, or when the district's date turns (registrations run out). An agent
/// is sent a changed list only when its site's version differs from the one it was last sent.
/// </summary>
public sealed partial class ResidentsDelivery(
    ResidentsFeed feed,
    ResidentsBuilder builder,
    AgentMessenger messenger,
    IOptions<ReconciliationSettings> district,
    TimeProvider time,
    ILogger<ResidentsDelivery> logger) : BackgroundService
{
    /// <summary>An import arrives in chunks; the lists are rebuilt once it has been quiet this long.</summary>
    public static readonly TimeSpan ImportQuiet = TimeSpan.FromSeconds(2);

    /// <summary>How often a send that failed (broker away) and a pending rebuild are looked at again.</summary>
    private static readonly TimeSpan Tick = TimeSpan.FromSeconds(1);

    private readonly DistrictCalendar _calendar = DistrictCalendar.For(district.Value);
    private readonly Dictionary<string, string> _online = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _sent = new(StringComparer.Ordinal);
    private readonly HashSet<string> _due = new(StringComparer.Ordinal);
    private DateTimeOffset? _rollChangedAt;
    private bool _recheckAll;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var day = _calendar.DayOf(time.GetUtcNow());
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await WaitForSignalAsync(stoppingToken).ConfigureAwait(false);
                Take();
                var now = time.GetUtcNow();
                var today = _calendar.DayOf(now);
                if (today != day)
                {
                    day = today;
                    _recheckAll = true;
                }

                if (_rollChangedAt is { } changedAt && now - changedAt >= ImportQuiet)
                {
                    _rollChangedAt = null;
                    _recheckAll = true;
                }

                if ((_due.Count > 0 || _recheckAll) && messenger.IsConnected)
                {
                    await SendAsync(today, stoppingToken).ConfigureAwait(false);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                // What was due stays due: the next tick tries again.
                Log.RoundFailed(logger, ex);
            }
        }
    }

    private async Task WaitForSignalAsync(CancellationToken stoppingToken)
    {
        using var tick = new CancellationTokenSource(Tick, time);
        using var wake = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken, tick.Token);
        try
        {
            await feed.Reader.WaitToReadAsync(wake.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
        {
            // Tick: look at what is due.
        }
    }

    private void Take()
    {
        while (feed.Reader.TryRead(out var signal))
        {
            if (signal.IsRollChange)
            {
                _rollChangedAt = time.GetUtcNow();
            }
            else if (!signal.Online)
            {
                // Gone: whatever it was sent may be lost with its session; it is sent again when it is back.
                _online.Remove(signal.AgentId!);
                _sent.Remove(signal.AgentId!);
                _due.Remove(signal.AgentId!);
            }
            else if (!_online.TryGetValue(signal.AgentId!, out var site) || site != signal.SiteId)
            {
                // Just connected (or first seen by this hub): it subscribed to its cmd topic before saying so.
                _online[signal.AgentId!] = signal.SiteId!;
                _sent.Remove(signal.AgentId!);
                _due.Add(signal.AgentId!);
            }
        }
    }

    private async Task SendAsync(DateOnly today, CancellationToken stoppingToken)
    {
        var recheckAll = _recheckAll;
        _recheckAll = false;
        var agents = recheckAll ? [.. _online.Keys] : _due.ToList();
        foreach (var site in agents.GroupBy(agentId => _online[agentId], StringComparer.Ordinal))
        {
            var residents = builder.Build(site.Key, today);
            byte[]? payload = null;
            foreach (var agentId in site)
            {
                if (!_due.Contains(agentId) && _sent.TryGetValue(agentId, out var version) && version == residents.Version)
                {
                    continue;
                }

                payload ??= ContractJson.Serialize(new AgentCommand { Residents = residents });
                if (await messenger.TryPublishAsync(Topics.Command(site.Key, agentId), payload, stoppingToken).ConfigureAwait(false))
                {
                    _sent[agentId] = residents.Version;
                    _due.Remove(agentId);
                    Log.Sent(logger, agentId, site.Key, residents.Version, residents.Hashes.Count, payload.Length);
                }
                else
                {
                    _due.Add(agentId);
                }
            }
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 730, Level = LogLevel.Information, Message = "Sent agent {AgentId} the residents of site {SiteId}: version {Version}, {Count} people, {Bytes} bytes")]
        public static partial void Sent(ILogger logger, string agentId, string siteId, long version, int count, int bytes);

        [LoggerMessage(EventId = 731, Level = LogLevel.Error, Message = "Residents round failed; the lists due are sent at the next tick")]
        public static partial void RoundFailed(ILogger logger, Exception exception);
    }
}
