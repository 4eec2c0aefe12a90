using GateSync.Contracts.Wire;

namespace GateSync.Agent.Readers.Sam;

/// <summary>A card decoded from a SAM read, or why it could not be.</summary>
public readonly record struct SamTextResult(CardData? Card, string? Error)
{
    public bool IsValid => Card is not null;

    public static SamTextResult Valid(CardData card) => new(card, null);

    public static SamTextResult Invalid(string error) => new(null, error);
}
