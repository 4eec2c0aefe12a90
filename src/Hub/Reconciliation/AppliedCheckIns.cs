using GateSync.Hub.Storage;

namespace GateSync.Hub.Reconciliation;

/// <summary>
/// Which stored check-ins, by agent and seq, the engine's state already holds: what a saved state covers, so that a
/// restart reads only the check-ins stored since (<see cref="EngineSnapshot"/>). It may say less than the engine holds
/// (a check-in read twice changes nothing), never more. Not thread-safe: the <see cref="Reconciler"/>'s gate guards it.
/// </summary>
public sealed class AppliedCheckIns
{
    private readonly Dictionary<string, SeqRanges> _byAgent;

    public AppliedCheckIns()
        : this(new Dictionary<string, SeqRanges>(StringComparer.Ordinal))
    {
    }

    private AppliedCheckIns(Dictionary<string, SeqRanges> byAgent) => _byAgent = byAgent;

    public IReadOnlyDictionary<string, SeqRanges> ByAgent => _byAgent;

    /// <summary>What the agents' ledgers say is stored, read before the store is read: all of it is in what is read after.</summary>
    public static AppliedCheckIns StoredIn(HubDatabase database)
    {
        ArgumentNullException.ThrowIfNull(database);
        var byAgent = database.Agents.FindAll().ToDictionary(
            a => a.Id, a => a.ReceivedRanges(), StringComparer.Ordinal);
        return new AppliedCheckIns(byAgent);
    }

    public static AppliedCheckIns Of(IEnumerable<KeyValuePair<string, SeqRanges>> byAgent) =>
        new(new Dictionary<string, SeqRanges>(byAgent, StringComparer.Ordinal));

    public void Add(string agentId, long seq)
    {
        ArgumentNullException.ThrowIfNull(agentId);
        if (!_byAgent.TryGetValue(agentId, out var ranges))
        {
            ranges = new SeqRanges();
            _byAgent[agentId] = ranges;
        }

        ranges.Add(seq);
    }

    /// <summary>What <paramref name="stored"/> holds beyond this, agent by agent; <c>null</c> when that is more than <paramref name="limit"/> check-ins.</summary>
    public IReadOnlyList<(string AgentId, Contracts.Wire.SeqRange Seqs)>? Missing(AppliedCheckIns stored, long limit)
    {
        ArgumentNullException.ThrowIfNull(stored);
        var missing = new List<(string, Contracts.Wire.SeqRange)>();
        var count = 0L;
        foreach (var (agentId, ranges) in stored._byAgent)
        {
            var held = _byAgent.GetValueOrDefault(agentId) ?? new SeqRanges();
            foreach (var range in ranges.Except(held))
            {
                count += range.To - range.From + 1;
                if (count > limit)
                {
                    return null;
                }

                missing.Add((agentId, range));
            }
        }

        return missing;
    }
}
