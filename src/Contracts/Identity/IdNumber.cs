using System.Globalization;

namespace GateSync.Contracts.Identity;

/// <summary>
/// Resident identity numbers after GB 11643-1999: 6-digit division, 8-digit birth date,
/// 3-digit sequence and a check character.
/// </summary>
public static class IdNumber
{
    public const int Length = 18;
    public const int LegacyLength = 15;

    private static readonly int[] Weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    private const string CheckCharacters = "10X98765432";

    /// <summary>The check character for the first 17 digits, or <c>null</c> when they are not all digits.</summary>
    public static char? CheckCharacter(ReadOnlySpan<char> first17)
    {
        if (first17.Length != Length - 1)
        {
            return null;
        }

        var sum = 0;
        for (var i = 0; i < first17.Length; i++)
        {
            var digit = first17[i] - '0';
            if (digit is < 0 or > 9)
            {
                return null;
            }

            sum += digit * Weights[i];
        }

        return CheckCharacters[sum % 11];
    }

    /// <summary>
    /// Normalises an ID number as read or typed: trims, upper-cases and converts a 15-digit
    /// legacy number to 18 characters. Fails with a reason a person can act on.
    /// </summary>
    public static IdNumberResult Normalize(string? input)
    {
        var text = input?.Trim().ToUpperInvariant() ?? string.Empty;
        if (text.Length == LegacyLength)
        {
            if (!IsAllDigits(text))
            {
                return IdNumberResult.Invalid("a 15-character ID number must be all digits");
            }

            var first17 = string.Concat(text.AsSpan(0, 6), "19", text.AsSpan(6, 9));
            text = first17 + CheckCharacter(first17);
        }

        if (text.Length != Length)
        {
            return IdNumberResult.Invalid($"an ID number has 18 characters (or 15 legacy digits), not {text.Length}");
        }

        var expected = CheckCharacter(text.AsSpan(0, Length - 1));
        if (expected is null)
        {
            return IdNumberResult.Invalid("the first 17 characters of an ID number must be digits");
        }

        if (text[Length - 1] != expected)
        {
            return IdNumberResult.Invalid($"the check character is {text[Length - 1]}, expected {expected}");
        }

        if (BirthDate(text) is null)
        {
            return IdNumberResult.Invalid("characters 7 to 14 are not a valid birth date (YYYYMMDD)");
        }

        return IdNumberResult.Valid(text);
    }

    /// <summary>The birth date encoded in a normalised 18-character number, if it is a real date.</summary>
    public static DateOnly? BirthDate(string normalized) =>
        normalized.Length == Length
        && DateOnly.TryParseExact(normalized.AsSpan(6, 8), "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? date
            : null;

    /// <summary>Male for an odd sequence digit, female for an even one.</summary>
    public static Wire.Gender GenderOf(string normalized) =>
        normalized.Length == Length && char.IsAsciiDigit(normalized[16])
            ? ((normalized[16] - '0') % 2 == 1 ? Wire.Gender.Male : Wire.Gender.Female)
            : Wire.Gender.Unknown;

    private static bool IsAllDigits(string text)
    {
        foreach (var c in text)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }
        }

        return true;
    }
}

public readonly record struct IdNumberResult(string? Normalized, string? Error)
{
    public bool IsValid => Normalized is not null;

    public static IdNumberResult Valid(string normalized) => new(normalized, null);

    public static IdNumberResult Invalid(string error) => new(null, error);
}
