using GateSync.Hub.Storage;
using LiteDB;

namespace GateSync.Hub.Audit;

/// <summary>
/// The append-only audit of revealed personal data (PIPL). There is deliberately no update or delete here,
/// nor any API that changes it: entries are written before the data leaves the hub, and only read afterwards.
/// </summary>
public sealed class AuditLog
{
    public const string CollectionName = "audit";

    private readonly ILiteCollection<AuditEntry> _entries;
    private readonly TimeProvider _time;

    public AuditLog(HubDatabase database, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(database);
        _time = time;
        _entries = database.Collection<AuditEntry>(CollectionName);
        _entries.EnsureIndex(e => e.At);
        _entries.EnsureIndex(e => e.Who);
    }

    public AuditEntry Append(string who, string role, string call, IEnumerable<string> findingIds, IEnumerable<string> idNumbers)
    {
        var entry = new AuditEntry
        {
            Id = ObjectId.NewObjectId(),
            At = _time.GetUtcNow(),
            Who = who,
            Role = role,
            Call = call,
            FindingIds = [.. findingIds],
            IdNumbers = [.. idNumbers.Distinct(StringComparer.Ordinal)],
        };
        _entries.Insert(entry);
        return entry;
    }

    /// <summary>The newest entries first, optionally only one caller's.</summary>
    public IReadOnlyList<AuditEntry> Latest(int limit, string? who)
    {
        var query = _entries.Query();
        if (who is not null)
        {
            query = query.Where(e => e.Who == who);
        }

        return [.. query.OrderByDescending(e => e.At).Limit(limit).ToEnumerable()];
    }
}
