using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Serialization;

namespace GateSync.Contracts.Wire;

/// <summary>Hub to agent: every check-in with <c>seq &lt;= UpTo</c> is durably stored at the hub.</summary>
public sealed record Ack(long UpTo);

/// <summary>Hub to agent on the <c>cmd</c> topic. Exactly one command property is set; an agent ignores commands it does not know.</summary>
public sealed record AgentCommand
{
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public SeqRange? Replay { get; init; }

    /// <summary>Added after the first release (additive): who lives at the agent's site, for <c>residentsOnly</c> doors.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public SiteResidents? Residents { get; init; }
}

/// <summary>An inclusive range of an agent's sequence numbers.</summary>
public sealed record SeqRange(long From, long To);

/// <summary>
/// The people with an active registration at one site, as salted hashes of their ID numbers and never names: an agent
/// only needs to test membership. <see cref="Version"/> grows whenever the site's list changes, so an agent keeps the
/// newest it has seen; <see cref="Salt"/> (16 bytes, base64) is the site's own, so hashes do not compare across sites.
/// </summary>
public sealed record SiteResidents(long Version, string Salt, IReadOnlyList<string> Hashes)
{
    public const int SaltLength = 16;

    public const int HashLength = 32;

    /// <summary>SHA-256 of the salt followed by the UTF-8 bytes of the normalised (upper-case) ID number.</summary>
    public static byte[] HashOf(ReadOnlySpan<byte> salt, string idNumber)
    {
        ArgumentNullException.ThrowIfNull(idNumber);
        var number = Encoding.UTF8.GetBytes(idNumber.ToUpperInvariant());
        var input = new byte[salt.Length + number.Length];
        salt.CopyTo(input);
        number.CopyTo(input.AsSpan(salt.Length));
        return SHA256.HashData(input);
    }

    /// <summary>The base64 form of <see cref="HashOf"/>, as it appears in <see cref="Hashes"/>.</summary>
    public static string EncodedHashOf(ReadOnlySpan<byte> salt, string idNumber) => Convert.ToBase64String(HashOf(salt, idNumber));
}
