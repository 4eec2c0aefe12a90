namespace GateSync.Hub.Reconciliation;

/// <summary>Where the engine's rebuild from the store stands.</summary>
public enum RebuildState
{
    /// <summary>The hub has started; the rebuild at start has not begun yet.</summary>
    Pending,

    Rebuilding,

    /// <summary>The engine holds everything stored and follows each new check-in.</summary>
    Ready,

    /// <summary>The last rebuild failed (see the log); the one at start is tried again.</summary>
    Failed,
}

/// <summary>
/// Reconciliation as <c>GET /api/health/reconciliation</c> shows it. Until <see cref="LastRebuiltAt"/> is set the engine has not
/// read the store since the hub started: stored findings are those of before the restart, and what is computed
/// from the engine (reports' presences) is refused rather than given half.
/// </summary>
/// <param name="CheckInsRead">Check-ins the current or last rebuild has read.</param>
/// <param name="Progress">Share of the stored check-ins read by the current or last rebuild, 0 to 1.</param>
/// <param name="Error">Why the last rebuild failed, when <see cref="State"/> is <see cref="RebuildState.Failed"/>.</param>
public sealed record ReconciliationStatus(
    RebuildState State,
    long CheckInsRead,
    double Progress,
    DateTimeOffset? StartedAt,
    DateTimeOffset? LastRebuiltAt,
    string? Error)
{
    public static ReconciliationStatus Pending { get; } = new(RebuildState.Pending, 0, 0, null, null, null);

    /// <summary>Whether the engine's state is whole: a rebuild has completed since the hub started.</summary>
    public bool IsCurrent => LastRebuiltAt is not null;
}
