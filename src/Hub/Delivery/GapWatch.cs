using GateSync.Contracts.Wire;

namespace GateSync.Hub.Delivery;

/// <summary>
/// Decides when to ask an agent for the seqs the hub is missing: a gap must have lasted <c>GapReplayAfterSeconds</c>
/// (a gap that is filling up, or splits, keeps its age), and each agent is asked at most once per <c>ReplayIntervalSeconds</c>.
/// </summary>
public sealed class GapWatch(TimeSpan replayAfter, TimeSpan replayInterval)
{
    /// <summary>Ranges asked for in one go; the rest wait for the next round.</summary>
    public const int MaxRangesPerRequest = 20;

    private readonly Dictionary<string, List<(SeqRange Range, DateTimeOffset Since)>> _gaps = new(StringComparer.Ordinal);
    private readonly Dictionary<string, DateTimeOffset> _askedAt = new(StringComparer.Ordinal);

    /// <summary>Records the agent's current gaps and returns those to ask for now (empty when none are due).</summary>
    public IReadOnlyList<SeqRange> Due(string agentId, IReadOnlyList<SeqRange> missing, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(missing);
        if (missing.Count == 0)
        {
            _gaps.Remove(agentId);
            return [];
        }

        var known = _gaps.GetValueOrDefault(agentId) ?? [];
        var current = missing.Select(range => (range, SinceOf(range, known, now))).ToList();
        _gaps[agentId] = current;

        if (_askedAt.TryGetValue(agentId, out var askedAt) && now - askedAt < replayInterval)
        {
            return [];
        }

        var due = current.Where(g => now - g.Item2 >= replayAfter).Select(g => g.range).Take(MaxRangesPerRequest).ToList();
        if (due.Count > 0)
        {
            _askedAt[agentId] = now;
        }

        return due;
    }

    private static DateTimeOffset SinceOf(SeqRange range, List<(SeqRange Range, DateTimeOffset Since)> known, DateTimeOffset now)
    {
        var since = now;
        foreach (var (old, oldSince) in known)
        {
            if (old.From <= range.To && range.From <= old.To && oldSince < since)
            {
                since = oldSince;
            }
        }

        return since;
    }
}
