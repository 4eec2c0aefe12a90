namespace GateSync.Agent.Readers.Sam;

/// <summary>How long the reader waits for a SAM, and how it retries; defaults fit real readers at 115200 baud.</summary>
public sealed record SamTimings
{
    /// <summary>Find and select answer in tens of milliseconds; a silent SAM is a fault.</summary>
    public TimeSpan CommandTimeout { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>A read moves about 1.3 KB and takes the SAM up to a second to fetch from the card.</summary>
    public TimeSpan ReadTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>How often a missing or broken port is tried again.</summary>
    public TimeSpan ReopenInterval { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary>Consecutive SAM faults (timeouts, garbled frames, error statuses) before the reader reports Error.</summary>
    public int FaultsBeforeError { get; init; } = 3;

    /// <summary>
    /// Consecutive faults after which the port is closed and opened again, which resets a wedged USB-serial adapter.
    /// </summary>
    public int FaultsBeforeReopen { get; init; } = 10;
}
