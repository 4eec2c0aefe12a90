namespace GateSync.Agent.Readers.Line;

/// <summary>How a line or keyboard reader retries its device; tests shorten or lengthen it.</summary>
public sealed record TokenReaderTimings
{
    /// <summary>How often a missing, broken or closed device is tried again.</summary>
    public TimeSpan ReopenInterval { get; init; } = TimeSpan.FromSeconds(3);
}
