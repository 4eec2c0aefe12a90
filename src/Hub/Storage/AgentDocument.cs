namespace GateSync.Hub.Storage;

/// <summary>What the hub knows of one agent: where it is, what it has sent, and whether it is connected.</summary>
public sealed class AgentDocument
{
    /// <summary>The agent ID.</summary>
    public string Id { get; set; } = string.Empty;

    public string SiteId { get; set; } = string.Empty;

    /// <summary>The highest seq received.</summary>
    public long LastSeq { get; set; }

    /// <summary>Received seqs as sorted inclusive ranges (see <see cref="SeqRanges"/>).</summary>
    public List<ReceivedRange> Received { get; set; } = [];

    /// <summary>Distinct check-ins stored.</summary>
    public long StoredCount { get; set; }

    /// <summary>Check-ins that arrived again after being stored, and were not stored again.</summary>
    public long DuplicateCount { get; set; }

    public DateTimeOffset? LastSeenAt { get; set; }

    /// <summary>From the agent's retained status; its Will turns it offline.</summary>
    public bool Online { get; set; }

    /// <summary>The <c>at</c> of the status applied last, so an older retained status cannot overwrite a newer one.</summary>
    public DateTimeOffset? StatusAt { get; set; }

    /// <summary>The agent's own count of check-ins not yet acknowledged, as of its last status.</summary>
    public long Backlog { get; set; }

    /// <summary><see cref="Received"/> as ranges to count and compare, repaired as <see cref="SeqRanges.From"/> does.</summary>
    public SeqRanges ReceivedRanges() => SeqRanges.From(Received.Select(r => new Contracts.Wire.SeqRange(r.From, r.To)));
}

/// <summary>An inclusive seq range as stored (a plain class, so LiteDB maps it without help).</summary>
public sealed class ReceivedRange
{
    public long From { get; set; }

    public long To { get; set; }
}
