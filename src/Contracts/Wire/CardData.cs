namespace GateSync.Contracts.Wire;

/// <summary>
/// What the agent keeps of a card. Ethnicity, photo and fingerprint are deliberately absent:
/// they are never put on the wire.
/// </summary>
public sealed record CardData
{
    public required CardType Type { get; init; }
    public required string IdNumber { get; init; }
    public required string Name { get; init; }
    public Gender Gender { get; init; } = Gender.Unknown;
    public DateOnly? BirthDate { get; init; }
    public string? Address { get; init; }
    public string? Issuer { get; init; }
    public DateOnly? ValidFrom { get; init; }

    /// <summary><c>null</c> for a long-term (长期) card.</summary>
    public DateOnly? ValidTo { get; init; }
}
