using GateSync.Hub.Reconciliation;
using GateSync.Hub.Storage;
using LiteDB;

namespace GateSync.Hub.Findings;

/// <summary>
/// The findings as stored, upserted by ID from what the engine returns. Never deleted: a resolved finding
/// is the same document with its resolution.
/// </summary>
public sealed class FindingStore
{
    public const string CollectionName = "findings";

    private readonly ILiteCollection<FindingDocument> _findings;

    public FindingStore(HubDatabase database)
    {
        ArgumentNullException.ThrowIfNull(database);
        _findings = database.Collection<FindingDocument>(CollectionName);
        _findings.EnsureIndex(f => f.Type);
        _findings.EnsureIndex(f => f.Status);
        _findings.EnsureIndex(f => f.SiteId);
        _findings.EnsureIndex(f => f.IdNumber);
    }

    /// <summary>Stores the engine's changes; one LiteDB transaction for the lot.</summary>
    public void Save(IReadOnlyCollection<Finding> changes)
    {
        ArgumentNullException.ThrowIfNull(changes);
        if (changes.Count > 0)
        {
            _findings.Upsert(changes.Select(FindingDocument.From));
        }
    }

    public Finding? Get(string id) => _findings.FindById(id)?.ToFinding();

    /// <summary>Every finding, open or resolved, about one person.</summary>
    public IReadOnlyList<Finding> ForPerson(string idNumber) =>
        [.. _findings.Find(f => f.IdNumber == idNumber).Select(d => d.ToFinding())];

    public IReadOnlyList<Finding> Open() =>
        [.. _findings.Find(f => f.Status == FindingStatus.Open).Select(d => d.ToFinding())];

    /// <summary>Findings matching the stored fields; the caller narrows by site (station, community, scope).</summary>
    public IEnumerable<Finding> Find(FindingType? type, FindingStatus? status, string? siteId)
    {
        var query = _findings.Query();
        if (type is { } t)
        {
            query = query.Where(f => f.Type == t);
        }

        if (status is { } s)
        {
            query = query.Where(f => f.Status == s);
        }

        if (siteId is not null)
        {
            query = query.Where(f => f.SiteId == siteId);
        }

        return query.ToEnumerable().Select(d => d.ToFinding());
    }

    /// <summary>Findings that were open at some point of [<paramref name="from"/>, <paramref name="to"/>).</summary>
    public IReadOnlyList<Finding> OpenDuring(DateTimeOffset from, DateTimeOffset to) =>
        [.. _findings.FindAll().Select(d => d.ToFinding()).Where(f => f.OpenedAt < to && (f.ResolvedAt is not { } at || at >= from))];
}
