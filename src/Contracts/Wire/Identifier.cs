namespace GateSync.Contracts.Wire;

/// <summary><c>siteId</c>, <c>agentId</c> and <c>readerId</c>: 1-64 of <c>A-Z a-z 0-9 _ -</c>, because they are MQTT topic levels.</summary>
public static class Identifier
{
    public const int MaxLength = 64;

    public static bool IsValid(string? value)
    {
        if (string.IsNullOrEmpty(value) || value.Length > MaxLength)
        {
            return false;
        }

        foreach (var c in value)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c != '_' && c != '-')
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Why <paramref name="value"/> is not an identifier, or <c>null</c> when it is.</summary>
    public static string? Problem(string name, string? value) =>
        IsValid(value) ? null : $"{name} must be 1-{MaxLength} characters of A-Z a-z 0-9 _ - (was '{value}')";
}
