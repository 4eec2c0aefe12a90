using System.Globalization;
using LiteDB;

namespace GateSync.Agent.Tests.Infrastructure;

/// <summary>
/// Writes an outbox file as agents in the field hold it (collection <c>checkins</c>: <c>_id</c> = seq, <c>Payload</c> the
/// contract JSON as text, <c>Sent</c>, <c>SentAt</c>; the <c>meta</c> document; <c>seq.state</c>), without the
/// agent's code, so a test shows the agent still reads that format and not merely its own.
/// </summary>
public static class StoredOutbox
{
    public static void Write(string dataDirectory, IReadOnlyList<(long Seq, string Payload)> unsent)
    {
        ArgumentNullException.ThrowIfNull(unsent);
        var connection = new ConnectionString { Filename = Path.Combine(dataDirectory, "outbox.db"), Connection = ConnectionType.Direct };
        using (var database = new LiteDatabase(connection, new BsonMapper()))
        {
            var records = database.GetCollection("checkins");
            records.EnsureIndex("Sent", "$.Sent");
            records.InsertBulk(unsent.Select(r => new BsonDocument
            {
                ["_id"] = r.Seq,
                ["Payload"] = r.Payload,
                ["Sent"] = false,
                ["SentAt"] = BsonValue.Null,
            }));
            database.GetCollection("meta").Upsert(new BsonDocument { ["_id"] = "seq", ["LastSeq"] = unsent[^1].Seq, ["AckedUpTo"] = 0L });
        }

        File.WriteAllText(Path.Combine(dataDirectory, "seq.state"), unsent[^1].Seq.ToString(CultureInfo.InvariantCulture));
    }
}
