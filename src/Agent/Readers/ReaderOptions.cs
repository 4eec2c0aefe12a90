using GateSync.Contracts.Wire;

namespace GateSync.Agent.Readers;

public enum ReaderKind
{
    Simulated,
    Sam,
}

/// <summary>One entry of <c>Agent:Readers</c>. Which properties matter depends on <see cref="Kind"/>.</summary>
public sealed class ReaderOptions
{
    public string ReaderId { get; set; } = string.Empty;

    public ReaderKind Kind { get; set; } = ReaderKind.Simulated;

    public Direction Direction { get; set; } = Direction.In;

    /// <summary>Serial device of a SAM reader, e.g. <c>/dev/ttyUSB0</c> or <c>COM3</c>.</summary>
    public string? Port { get; set; }

    public int BaudRate { get; set; } = 115200;

    /// <summary>How often a SAM reader is asked whether a card is present.</summary>
    public int PollIntervalMilliseconds { get; set; } = 200;

    /// <summary>Simulated reader: how many different people swipe.</summary>
    public int People { get; set; } = 20;

    /// <summary>Simulated reader: average swipes per minute.</summary>
    public double SwipesPerMinute { get; set; } = 30;

    /// <summary>Simulated reader: seed of its random people and timing, so a demo is repeatable.</summary>
    public int Seed { get; set; } = 1;
}
