using GateSync.Contracts.Identity;
using GateSync.Contracts.Wire;

namespace GateSync.Agent.Readers.Line;

/// <summary>
/// What a number-only reader (a serial card reader, a QR scanner, a keyboard-style reader) can say about a card:
/// the ID number and what it encodes, never a name, address or validity. Only a token that is a whole, valid
/// 18-character ID number becomes a card; anything else (an access card's UID, a URL in a QR code) is not a check-in.
/// </summary>
public static class NumberOnlyCard
{
    /// <summary>
    /// The contract requires a name and these readers cannot read one. This marker says so plainly, so nobody
    /// mistakes it for a person's name; the hub matches people by ID number, and its registrations hold the real name.
    /// </summary>
    public const string NameNotRead = "(未读姓名)";

    /// <summary>The card a token stands for, or <c>null</c> when the token is not an ID number.</summary>
    public static CardData? FromToken(string? token)
    {
        var text = token?.Trim().ToUpperInvariant();

        // 15-digit legacy numbers are left out on purpose: any 15 digits with a plausible date would pass,
        // and many access-card numbers are plain digit strings.
        if (text is null || text.Length != IdNumber.Length)
        {
            return null;
        }

        var type = TypeOf(text);
        var number = CardNumber.Normalize(type, text);
        if (!number.IsValid)
        {
            return null;
        }

        var normalized = number.Normalized!;
        return new CardData
        {
            Type = type,
            IdNumber = normalized,
            Name = NameNotRead,
            Gender = IdNumber.GenderOf(normalized),
            BirthDate = IdNumber.BirthDate(normalized),
        };
    }

    /// <summary>The card kind its number reveals: 2023 permanent residence cards start with 9, HMT permits with 810000/820000/830000.</summary>
    private static CardType TypeOf(string number) =>
        number[0] == '9' ? CardType.ForeignPermanent
        : number.StartsWith("810000", StringComparison.Ordinal)
            || number.StartsWith("820000", StringComparison.Ordinal)
            || number.StartsWith("830000", StringComparison.Ordinal) ? CardType.HmtPermit
        : CardType.Resident;
}
