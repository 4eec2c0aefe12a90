using LiteDB;
using GateSync.Hub.Storage;

namespace GateSync.Hub.Registrations;

/// <summary>
/// The district's roll as stored: sites, communities and registrations, in collections of the hub's file.
/// Upserts run one transaction per chunk and report how many keys were new; reads return domain records.
/// </summary>
public sealed class RegistrationRoll
{
    public const string SitesCollection = "sites";
    public const string CommunitiesCollection = "communities";
    public const string RegistrationsCollection = "registrations";

    private readonly HubDatabase _database;
    private readonly ILiteCollection<SiteDocument> _sites;
    private readonly ILiteCollection<CommunityDocument> _communities;
    private readonly ILiteCollection<RegistrationDocument> _registrations;

    public RegistrationRoll(HubDatabase database)
    {
        ArgumentNullException.ThrowIfNull(database);
        _database = database;
        _sites = database.Collection<SiteDocument>(SitesCollection);
        _communities = database.Collection<CommunityDocument>(CommunitiesCollection);
        _registrations = database.Collection<RegistrationDocument>(RegistrationsCollection);
        _sites.EnsureIndex(s => s.Station);
        _sites.EnsureIndex(s => s.Community);
        _registrations.EnsureIndex(r => r.SiteId);
    }

    public UpsertCount Upsert(IReadOnlyList<Site> sites) => UpsertAll(_sites, sites.Select(SiteDocument.From));

    public UpsertCount Upsert(IReadOnlyList<Community> communities) => UpsertAll(_communities, communities.Select(CommunityDocument.From));

    public UpsertCount Upsert(IReadOnlyList<Registration> registrations) =>
        UpsertAll(_registrations, registrations.Select(RegistrationDocument.From));

    public IReadOnlyDictionary<string, Site> Sites() =>
        _sites.FindAll().Select(d => d.ToSite()).ToDictionary(s => s.SiteId, StringComparer.Ordinal);

    public HashSet<string> SiteIds() => _sites.FindAll().Select(d => d.Id).ToHashSet(StringComparer.Ordinal);

    public IReadOnlyList<Community> Communities() => [.. _communities.FindAll().Select(d => d.ToCommunity())];

    /// <summary>Every registration, streamed from the store.</summary>
    public IEnumerable<Registration> Registrations() => _registrations.FindAll().Select(d => d.ToRegistration());

    /// <summary>The registrations naming <paramref name="siteId"/>, whatever their status, through the site index.</summary>
    public IEnumerable<Registration> RegistrationsAt(string siteId) =>
        _registrations.Find(d => d.SiteId == siteId).Select(d => d.ToRegistration());

    public Registration? Registration(string idNumber) => _registrations.FindById(idNumber)?.ToRegistration();

    // Synchronous on purpose: LiteDB binds a transaction to the calling thread, so no await may come between begin and commit.
    private UpsertCount UpsertAll<T>(ILiteCollection<T> collection, IEnumerable<T> documents)
    {
        var db = _database.Database;
        var ownTransaction = db.BeginTrans();
        try
        {
            int inserted = 0, updated = 0;
            foreach (var document in documents)
            {
                if (collection.Upsert(document))
                {
                    inserted++;
                }
                else
                {
                    updated++;
                }
            }

            if (ownTransaction)
            {
                db.Commit();
            }

            return new UpsertCount(inserted, updated);
        }
        catch
        {
            if (ownTransaction)
            {
                db.Rollback();
            }

            throw;
        }
    }
}

/// <summary>How many upserted keys were new and how many replaced a stored entry.</summary>
public readonly record struct UpsertCount(int Inserted, int Updated)
{
    public static UpsertCount operator +(UpsertCount a, UpsertCount b) => new(a.Inserted + b.Inserted, a.Updated + b.Updated);

    public static UpsertCount Add(UpsertCount a, UpsertCount b) => a + b;
}
