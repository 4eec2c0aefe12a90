using GateSync.Agent.Readers.Sam;
using GateSync.Contracts.Wire;

namespace GateSync.Agent.Cli.Probe;

public enum ProbeOutcome
{
    /// <summary>No device node at the port.</summary>
    NoDevice,

    /// <summary>The node exists but this user may not open it.</summary>
    PermissionDenied,

    /// <summary>The node exists but would not open (busy, not a serial device).</summary>
    CannotOpen,

    /// <summary>Nothing came back within the command timeout.</summary>
    NoAnswer,

    /// <summary>Something came back with a wrong checksum: usually a wrong baud rate.</summary>
    Garbled,

    /// <summary>A SAM answered, but with an error status.</summary>
    SamNotReady,

    /// <summary>A SAM answered; no card was waited for.</summary>
    SamAnswered,

    /// <summary>A SAM answered but no card was read before the deadline.</summary>
    NoCard,

    /// <summary>A SAM answered and a card was read.</summary>
    CardRead,
}

/// <summary>What a probe found. The card, when there is one, is held only to show it on the terminal.</summary>
public sealed record ProbeReport(ProbeOutcome Outcome, SamStatus? Status = null, CardData? Card = null, string? Detail = null)
{
    /// <summary>Whether a SAM reader answered on the port at all.</summary>
    public bool SamFound => Outcome is ProbeOutcome.SamAnswered or ProbeOutcome.NoCard or ProbeOutcome.CardRead;
}
