using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using GateSync.Contracts.Wire;

namespace GateSync.Agent.Residents;

/// <summary>
/// <c>residents.json</c>: the hub's list as received, or, when the outbox key is set, that JSON sealed with AES-GCM under a
/// key derived from the outbox key. Written whole (temporary file, flushed, renamed over), so a power cut leaves the old
/// list or the new one. Reading never throws: a missing, damaged or undecryptable file is no list (the hub sends it again).
/// </summary>
internal sealed class ResidentsFile(string path, string? key, ILogger logger)
{
    /// <summary>PBKDF2 rounds: the outbox key may be a pass phrase, and the file is written only when the list changes.</summary>
    private const int Iterations = 100_000;

    private const int KeyLength = 32;
    private const int KdfSaltLength = 16;
    private const int NonceLength = 12;
    private const int TagLength = 16;

    public string Path { get; } = path;

    public SiteResidents? TryLoad()
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(Path);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            ResidentsLog.FileUnreadable(logger, Path, ex.Message);
            return null;
        }

        try
        {
            var sealedFile = JsonSerializer.Deserialize(bytes, ResidentsFileJson.Default.SealedResidents);
            if (sealedFile is { Ciphertext: not null })
            {
                return Open(sealedFile);
            }

            var plain = JsonSerializer.Deserialize(bytes, ContractJson.Context.SiteResidents);
            if (plain is not null && key is not null)
            {
                // Written before the key was set: seal it now rather than leave the hashes readable.
                TrySave(plain);
            }

            return plain;
        }
        catch (JsonException ex)
        {
            ResidentsLog.FileUnreadable(logger, Path, $"not JSON: {ex.Message}");
            return null;
        }
    }

    /// <summary>Stores the list; a failure is logged, never thrown (the list in memory is what the doors use).</summary>
    public void TrySave(SiteResidents residents)
    {
        var temp = Path + ".tmp";
        try
        {
            var json = ContractJson.Serialize(residents);
            var bytes = key is null ? json : JsonSerializer.SerializeToUtf8Bytes(Seal(json, key), ResidentsFileJson.Default.SealedResidents);
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(Path)!);
            using (var stream = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None))
            {
                stream.Write(bytes);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temp, Path, overwrite: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or CryptographicException)
        {
            ResidentsLog.SaveFailed(logger, ex, Path);
        }
    }

    private SiteResidents? Open(SealedResidents sealedFile)
    {
        if (key is null)
        {
            ResidentsLog.FileUnreadable(logger, Path, "it is encrypted; set Agent:Outbox:Key or Agent:Outbox:KeyFile to the key it was written with");
            return null;
        }

        if (sealedFile.Iterations is < 1 or > 10 * Iterations)
        {
            ResidentsLog.FileUnreadable(logger, Path, $"iterations {sealedFile.Iterations} out of range");
            return null;
        }

        try
        {
            var kdfSalt = Convert.FromBase64String(sealedFile.KdfSalt);
            var nonce = Convert.FromBase64String(sealedFile.Nonce);
            var tag = Convert.FromBase64String(sealedFile.Tag);
            var ciphertext = Convert.FromBase64String(sealedFile.Ciphertext!);
            var plaintext = new byte[ciphertext.Length];
            using var aes = new AesGcm(DeriveKey(key, kdfSalt, sealedFile.Iterations), TagLength);
            aes.Decrypt(nonce, ciphertext, tag, plaintext);
            return JsonSerializer.Deserialize(plaintext, ContractJson.Context.SiteResidents);
        }
        catch (Exception ex) when (ex is FormatException or CryptographicException or ArgumentException)
        {
            // A different key, or a damaged file: either way no list, and the hub sends one again.
            ResidentsLog.FileUnreadable(logger, Path, $"it does not decrypt with the outbox key ({ex.GetType().Name})");
            return null;
        }
    }

    private static SealedResidents Seal(byte[] plaintext, string key)
    {
        var kdfSalt = RandomNumberGenerator.GetBytes(KdfSaltLength);
        var nonce = RandomNumberGenerator.GetBytes(NonceLength);
        var ciphertext = new byte[plaintext.Length];
        var tag = new byte[TagLength];
        using var aes = new AesGcm(DeriveKey(key, kdfSalt, Iterations), TagLength);
        aes.Encrypt(nonce, plaintext, ciphertext, tag);
        return new SealedResidents(
            1, Convert.ToBase64String(kdfSalt), Iterations, Convert.ToBase64String(nonce), Convert.ToBase64String(tag), Convert.ToBase64String(ciphertext));
    }

    private static byte[] DeriveKey(string key, byte[] kdfSalt, int iterations) =>
        Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(key), kdfSalt, iterations, HashAlgorithmName.SHA256, KeyLength);
}

/// <summary>The encrypted form of <c>residents.json</c>; <see cref="Ciphertext"/> is the list's JSON under AES-GCM.</summary>
internal sealed record SealedResidents(int Sealed, string KdfSalt, int Iterations, string Nonce, string Tag, string? Ciphertext);

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(SealedResidents))]
internal sealed partial class ResidentsFileJson : JsonSerializerContext;
