using GateSync.Agent.Doors;
using GateSync.Contracts.Wire;

namespace GateSync.Agent.Residents;

/// <summary>
/// The people registered at this site, as the hub last sent them on the <c>cmd</c> topic: a membership test over salted
/// hashes of ID numbers, kept in memory for the doors and in <c>residents.json</c> so a restart without network still
/// admits residents. A list older than the one held (same salt, lower version) is ignored.
/// </summary>
public sealed class ResidentsList : IAccessList
{
    public const string FileName = "residents.json";

    private readonly ResidentsFile file;
    private readonly ILogger logger;
    private readonly Lock applying = new();
    private volatile ResidentsSnapshot? current;

    public ResidentsList(string dataDirectory, string? key, ILogger<ResidentsList> logger)
    {
        ArgumentNullException.ThrowIfNull(dataDirectory);
        this.logger = logger;
        file = new ResidentsFile(Path.Combine(dataDirectory, FileName), key, logger);
        current = Load();
    }

    /// <summary>The version of the list held; 0 before the hub has sent one.</summary>
    public long Version => current?.Version ?? 0;

    public int Count => current?.Hashes.Count ?? 0;

    public bool Contains(string idNumber)
    {
        ArgumentNullException.ThrowIfNull(idNumber);
        return current is { } list && list.Hashes.Contains(SiteResidents.EncodedHashOf(list.Salt, idNumber));
    }

    /// <summary>
    /// Takes the hub's list when it is well formed and not older than the one held, and stores it. Never throws on a bad
    /// list: a disk that cannot take the file leaves the new list in memory only (logged), so the doors still follow the hub.
    /// </summary>
    public ResidentsUpdate Apply(SiteResidents residents)
    {
        ArgumentNullException.ThrowIfNull(residents);
        if (ResidentsSnapshot.From(residents) is not { } next)
        {
            ResidentsLog.Malformed(logger, residents.Version);
            return ResidentsUpdate.Malformed;
        }

        lock (applying)
        {
            // A new salt means a new series (a hub installed afresh): its versions do not compare with the old ones.
            if (current is { } held && held.Salt.AsSpan().SequenceEqual(next.Salt) && next.Version <= held.Version)
            {
                ResidentsLog.NotNewer(logger, next.Version, held.Version);
                return ResidentsUpdate.NotNewer;
            }

            current = next;
            ResidentsLog.Applied(logger, next.Version, next.Hashes.Count);
            file.TrySave(residents);
            return ResidentsUpdate.Applied;
        }
    }

    private ResidentsSnapshot? Load()
    {
        if (file.TryLoad() is not { } stored)
        {
            return null;
        }

        if (ResidentsSnapshot.From(stored) is not { } snapshot)
        {
            ResidentsLog.FileUnreadable(logger, file.Path, "not a well-formed residents list");
            return null;
        }

        ResidentsLog.Loaded(logger, snapshot.Version, snapshot.Hashes.Count, file.Path);
        return snapshot;
    }
}

/// <summary>What became of a residents list from the hub.</summary>
public enum ResidentsUpdate
{
    Applied,
    NotNewer,
    Malformed,
}

/// <summary>An immutable, validated list: swapped in whole, so a door never sees half of an update.</summary>
internal sealed record ResidentsSnapshot(long Version, byte[] Salt, HashSet<string> Hashes)
{
    /// <summary><c>null</c> unless the version is positive, the salt 16 bytes and every hash 32 bytes, all base64.</summary>
    public static ResidentsSnapshot? From(SiteResidents residents)
    {
        if (residents.Version < 1 || residents.Salt is null || residents.Hashes is null)
        {
            return null;
        }

        var salt = new byte[SiteResidents.SaltLength];
        if (!Convert.TryFromBase64String(residents.Salt, salt, out var saltLength) || saltLength != SiteResidents.SaltLength)
        {
            return null;
        }

        var hashes = new HashSet<string>(residents.Hashes.Count, StringComparer.Ordinal);
        Span<byte> hash = stackalloc byte[SiteResidents.HashLength + 3];
        foreach (var encoded in residents.Hashes)
        {
            if (encoded is null || !Convert.TryFromBase64String(encoded, hash, out var length) || length != SiteResidents.HashLength)
            {
                return null;
            }

            // Re-encoded, so a hash written with other padding or line breaks still matches the agent's own encoding.
            hashes.Add(Convert.ToBase64String(hash[..length]));
        }

        return new ResidentsSnapshot(residents.Version, salt, hashes);
    }
}
