namespace GateSync.Contracts.Identity;

using GateSync.Contracts.Wire;

/// <summary>The number on each kind of card, checked the way that card's issuer defines it.</summary>
public static class CardNumber
{
    /// <summary>Length of a 2017 foreigner's permanent residence number: 3 letters of nationality, 12 digits.</summary>
    private const int ForeignPermanent2017Length = 15;

    public static IdNumberResult Normalize(CardType type, string? number)
    {
        if (type == CardType.ForeignPermanent)
        {
            var text = number?.Trim().ToUpperInvariant() ?? string.Empty;
            if (text.Length == ForeignPermanent2017Length)
            {
                return IsForeign2017(text)
                    ? IdNumberResult.Valid(text)
                    : IdNumberResult.Invalid("a 15-character permanent residence number is 3 letters and 12 digits");
            }

            // The 2023 card carries an 18-character number starting with 9 and the GB 11643 check.
            if (!text.StartsWith('9'))
            {
                return IdNumberResult.Invalid("an 18-character permanent residence number starts with 9");
            }
        }

        return IdNumber.Normalize(number);
    }

    private static bool IsForeign2017(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var ok = i < 3 ? char.IsAsciiLetterUpper(text[i]) : char.IsAsciiDigit(text[i]);
            if (!ok)
            {
                return false;
            }
        }

        return true;
    }
}
