using System.Security.Cryptography;
using System.Text;
using GateSync.Contracts.Wire;
using GateSync.Hub.Registrations;
using GateSync.Hub.Storage;
using LiteDB;

namespace GateSync.Hub.Delivery;

/// <summary>
/// Builds a site's <see cref="SiteResidents"/> for its agents: the people with a registration active at the site on the
/// district's date, as salted hashes (never names). Each site keeps its salt and a version in the hub's file; the version
/// grows only when the set of people changes, and survives restarts, so an agent can keep the newest list it saw.
/// </summary>
public sealed class ResidentsBuilder
{
    public const string Collection = "siteResidents";

    private readonly RegistrationRoll _roll;
    private readonly ILiteCollection<SiteResidentsDocument> _sites;

    public ResidentsBuilder(RegistrationRoll roll, HubDatabase database)
    {
        ArgumentNullException.ThrowIfNull(database);
        _roll = roll;
        _sites = database.Collection<SiteResidentsDocument>(Collection);
    }

    /// <summary>Synchronous: it reads the roll and may store the site's new version (LiteDB binds work to the thread).</summary>
    public SiteResidents Build(string siteId, DateOnly today)
    {
        var site = _sites.FindById(siteId) ?? new SiteResidentsDocument { Id = siteId, Salt = RandomNumberGenerator.GetBytes(SiteResidents.SaltLength) };
        List<string> hashes = [.. _roll.RegistrationsAt(siteId)
            .Where(r => r.IsActiveOn(today))
            .Select(r => SiteResidents.EncodedHashOf(site.Salt, r.IdNumber))
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)];
        var digest = SHA256.HashData(Encoding.ASCII.GetBytes(string.Join('\n', hashes)));
        if (site.Version == 0 || !digest.AsSpan().SequenceEqual(site.Digest))
        {
            site.Version++;
            site.Digest = digest;
            _sites.Upsert(site);
        }

        return new SiteResidents(site.Version, Convert.ToBase64String(site.Salt), hashes);
    }
}

/// <summary>A site's residents list as last built: its salt, its version and a digest of its hashes to see a change.</summary>
public sealed class SiteResidentsDocument
{
    /// <summary>The site ID.</summary>
    public string Id { get; set; } = string.Empty;

    public byte[] Salt { get; set; } = [];

    public long Version { get; set; }

    public byte[] Digest { get; set; } = [];
}
