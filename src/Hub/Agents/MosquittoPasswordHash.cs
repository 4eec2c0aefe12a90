using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace GateSync.Hub.Agents;

/// <summary>
/// A password hash in Mosquitto's own <c>$7$</c> form (PBKDF2-HMAC-SHA512, base64 salt and hash), so the one hash the hub keeps
/// both checks agents at the embedded broker and can be exported as a <c>password_file</c> for an external Mosquitto.
/// </summary>
public static class MosquittoPasswordHash
{
    /// <summary>
    /// Agent secrets are 256 random bits, not words a person chose: stretching adds little, and every broker connect pays it.
    /// Still ten times Mosquitto's default of 101.
    /// </summary>
    public const int Iterations = 1000;

    private const int SaltBytes = 12;
    private const int HashBytes = 64;

    public static string Create(string password)
    {
        var salt = RandomNumberGenerator.GetBytes(SaltBytes);
        return Format(Iterations, salt, Derive(password, salt, Iterations));
    }

    /// <summary>Whether <paramref name="password"/> matches <paramref name="encoded"/>; <c>false</c> for anything malformed.</summary>
    public static bool Verify(string encoded, string? password)
    {
        if (password is null || string.IsNullOrEmpty(encoded))
        {
            return false;
        }

        var parts = encoded.Split('$');
        if (parts.Length != 5 || parts[0].Length != 0 || parts[1] != "7"
            || !int.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var iterations) || iterations is < 1 or > 10_000_000)
        {
            return false;
        }

        try
        {
            var salt = Convert.FromBase64String(parts[3]);
            var expected = Convert.FromBase64String(parts[4]);
            return CryptographicOperations.FixedTimeEquals(expected, Derive(password, salt, iterations));
        }
        catch (FormatException)
        {
            return false;
        }
    }

    private static byte[] Derive(string password, byte[] salt, int iterations) =>
        Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(password), salt, iterations, HashAlgorithmName.SHA512, HashBytes);

    private static string Format(int iterations, byte[] salt, byte[] hash) =>
        string.Create(CultureInfo.InvariantCulture, $"$7${iterations}${Convert.ToBase64String(salt)}${Convert.ToBase64String(hash)}");
}
