using GateSync.Hub.Storage;
using LiteDB;

namespace GateSync.Hub.Findings;

/// <summary>The <c>finding_handling</c> collection: append-only, like the audit.</summary>
public sealed class FindingHandlingStore
{
    public const string CollectionName = "finding_handling";

    private readonly ILiteCollection<FindingHandling> _entries;
    private readonly TimeProvider _time;

    public FindingHandlingStore(HubDatabase database, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(database);
        _time = time;
        _entries = database.Collection<FindingHandling>(CollectionName);
        _entries.EnsureIndex(e => e.FindingId);
    }

    public FindingHandling Append(string findingId, string by, string role, string reason)
    {
        var entry = new FindingHandling
        {
            Id = ObjectId.NewObjectId(),
            FindingId = findingId,
            At = _time.GetUtcNow(),
            By = by,
            Role = role,
            Reason = reason,
        };
        _entries.Insert(entry);
        return entry;
    }

    /// <summary>The latest handling of each finding that has one.</summary>
    public IReadOnlyDictionary<string, FindingHandling> Latest() =>
        _entries.FindAll()
            .GroupBy(e => e.FindingId, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.MaxBy(e => e.At)!, StringComparer.Ordinal);
}
