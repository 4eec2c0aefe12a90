using GateSync.Hub.Storage;
using LiteDB;

namespace GateSync.Hub.Reconciliation;

/// <summary>
/// Every stored check-in as a <see cref="Sighting"/>, for the rebuild at start. Reads the four fields as raw BSON
/// instead of mapping whole <see cref="CheckInDocument"/>s: the mapper (three DateOnly conversions per document)
/// made the read 2-3 times slower, and the read is most of a rebuild (bench/README.md).
/// </summary>
public static class StoredSightings
{
    private static readonly BsonExpression Fields = BsonExpression.Create(
        $"{{{nameof(CheckInDocument.IdNumber)}: $.{nameof(CheckInDocument.IdNumber)}, {nameof(CheckInDocument.Name)}: $.{nameof(CheckInDocument.Name)}, " +
        $"{nameof(CheckInDocument.SiteId)}: $.{nameof(CheckInDocument.SiteId)}, {nameof(CheckInDocument.OccurredAt)}: $.{nameof(CheckInDocument.OccurredAt)}}}");

    public static IEnumerable<Sighting> Read(HubDatabase database)
    {
        ArgumentNullException.ThrowIfNull(database);
        var checkIns = database.Database.GetCollection(HubDatabase.CheckInsCollection);
        foreach (var document in checkIns.Query().Select(Fields).ToEnumerable())
        {
            // Ingest stores only validated check-ins; a document without these fields was not written by it.
            if (document[nameof(CheckInDocument.IdNumber)] is not { IsString: true } idNumber
                || document[nameof(CheckInDocument.SiteId)] is not { IsString: true } siteId
                || document[nameof(CheckInDocument.OccurredAt)] is not { IsDateTime: true } occurredAt)
            {
                continue;
            }

            var name = document[nameof(CheckInDocument.Name)] is { IsString: true } text ? text.AsString : string.Empty;

            // LiteDB keeps the instant (UTC); the offset is irrelevant to the rules, which count days in the district's zone.
            yield return new Sighting(idNumber.AsString, name, siteId.AsString, new DateTimeOffset(occurredAt.AsDateTime));
        }
    }
}
