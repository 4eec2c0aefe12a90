using System.Globalization;
using LiteDB;

namespace GateSync.Hub.Storage;

/// <summary>
/// Writes a <see cref="CheckInDocument"/> as the BSON the hub's mapper would, field by field.
/// </summary>
/// <remarks>
/// Ingest's hot path: LiteDB's reflection mapper took about a third of each insert (bench/README.md). Reads still go
/// through the mapper, so this must write exactly what it writes; CheckInBsonTests compares the two on every field.
/// </remarks>
public static class CheckInBson
{
    public static BsonDocument From(CheckInDocument checkIn)
    {
        var document = new BsonDocument
        {
            ["_id"] = checkIn.Id,
            [nameof(CheckInDocument.AgentId)] = checkIn.AgentId,
            [nameof(CheckInDocument.SiteId)] = checkIn.SiteId,
            [nameof(CheckInDocument.Seq)] = checkIn.Seq,
            [nameof(CheckInDocument.ReaderId)] = checkIn.ReaderId,
            [nameof(CheckInDocument.Direction)] = checkIn.Direction.ToString(),
            [nameof(CheckInDocument.OccurredAt)] = checkIn.OccurredAt.UtcDateTime,
            [nameof(CheckInDocument.OccurredAtOffsetMinutes)] = checkIn.OccurredAtOffsetMinutes,
            [nameof(CheckInDocument.ReceivedAt)] = checkIn.ReceivedAt.UtcDateTime,
        };

        // The mapper leaves null members out; so does this.
        if (checkIn.Access is { } access)
        {
            document[nameof(CheckInDocument.Access)] = access.ToString();
        }

        document[nameof(CheckInDocument.CardType)] = checkIn.CardType.ToString();
        document[nameof(CheckInDocument.IdNumber)] = checkIn.IdNumber;
        document[nameof(CheckInDocument.Name)] = checkIn.Name;
        document[nameof(CheckInDocument.Gender)] = checkIn.Gender.ToString();
        AddDate(document, nameof(CheckInDocument.BirthDate), checkIn.BirthDate);
        AddText(document, nameof(CheckInDocument.Address), checkIn.Address);
        AddText(document, nameof(CheckInDocument.Issuer), checkIn.Issuer);
        AddDate(document, nameof(CheckInDocument.ValidFrom), checkIn.ValidFrom);
        AddDate(document, nameof(CheckInDocument.ValidTo), checkIn.ValidTo);
        document[nameof(CheckInDocument.SightingKey)] = checkIn.SightingKey;
        return document;
    }

    private static void AddText(BsonDocument document, string field, string? value)
    {
        if (value is not null)
        {
            document[field] = value;
        }
    }

    // As HubDatabase's mapper registers DateOnly: ISO text.
    private static void AddDate(BsonDocument document, string field, DateOnly? value)
    {
        if (value is { } date)
        {
            document[field] = date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        }
    }
}
