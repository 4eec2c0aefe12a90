using System.Globalization;
using LiteDB;

namespace GateSync.Bench.Support;

/// <summary>
/// Writes an agent outbox holding a backlog of unsent check-ins, as an agent cut off from its broker for days
/// leaves it. Written straight into LiteDB in large transactions, because the agent's own Append costs an fsync of
/// seq.state per check-in (about 2.5 ms each on this disk) and would take minutes for 100,000. The layout is the
/// outbox file format (collections <c>checkins</c> and <c>meta</c>, and <c>seq.state</c>): a format every agent
/// upgrade must keep reading, and the drain scenario checks that every check-in came out.
/// </summary>
public static class OutboxBacklog
{
    public static void Write(string dataDirectory, CheckInPayloads payloads, int count)
    {
        ArgumentNullException.ThrowIfNull(payloads);
        Directory.CreateDirectory(dataDirectory);
        var connection = new ConnectionString { Filename = Path.Combine(dataDirectory, "outbox.db"), Connection = ConnectionType.Direct };
        using (var database = new LiteDatabase(connection, new BsonMapper()))
        {
            var records = database.GetCollection("checkins", BsonAutoId.Int64);
            records.EnsureIndex("Sent", "$.Sent");
            const int PerTransaction = 5_000;
            for (var from = 1; from <= count; from += PerTransaction)
            {
                var to = Math.Min(count, from + PerTransaction - 1);
                records.InsertBulk(
                    Enumerable.Range(from, to - from + 1).Select(seq => new BsonDocument
                    {
                        ["_id"] = (long)seq,
                        ["Payload"] = payloads.TextFor(seq),
                        ["Sent"] = false,
                        ["SentAt"] = BsonValue.Null,
                    }),
                    PerTransaction);
            }

            database.GetCollection("meta").Upsert(new BsonDocument { ["_id"] = "seq", ["LastSeq"] = (long)count, ["AckedUpTo"] = 0L });
        }

        File.WriteAllText(Path.Combine(dataDirectory, "seq.state"), count.ToString(CultureInfo.InvariantCulture));
    }
}
