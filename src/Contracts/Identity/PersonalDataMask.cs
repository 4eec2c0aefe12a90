namespace GateSync.Contracts.Identity;

/// <summary>Masks personal data for logs and for callers who may not see it (PIPL: minimise exposure).</summary>
public static class PersonalDataMask
{
    /// <summary><c>130221********123X</c>: the division and the last four stay, the birth date and sequence go.</summary>
    public static string IdNumber(string? idNumber)
    {
        if (string.IsNullOrEmpty(idNumber))
        {
            return string.Empty;
        }

        if (idNumber.Length <= 10)
        {
            return new string('*', idNumber.Length);
        }

        return string.Concat(idNumber.AsSpan(0, 6), new string('*', idNumber.Length - 10), idNumber.AsSpan(idNumber.Length - 4));
    }

    /// <summary><c>张*</c>, <c>欧**</c>: the first character stays.</summary>
    public static string Name(string? name)
    {
        if (string.IsNullOrEmpty(name))
        {
            return string.Empty;
        }

        var first = char.IsSurrogate(name[0]) && name.Length > 1 ? name[..2] : name[..1];
        var rest = new System.Globalization.StringInfo(name).LengthInTextElements - 1;
        return first + new string('*', Math.Max(rest, 1));
    }
}
