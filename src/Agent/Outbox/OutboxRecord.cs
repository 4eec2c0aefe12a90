using System.Text;
using LiteDB;

namespace GateSync.Agent.Outbox;

/// <summary>One check-in as the outbox stores it: the contract JSON, keyed by its <c>seq</c>.</summary>
internal sealed class OutboxRecord
{
    [BsonId(autoId: false)]
    public long Seq { get; set; }

    /// <summary>The check-in in its contract JSON form, so what is published is exactly what was recorded.</summary>
    public string Payload { get; set; } = string.Empty;

    /// <summary>The stored payload as the UTF-8 bytes to publish; a record without one is damage, not a check-in.</summary>
    public static byte[] PayloadBytes(BsonValue payload) =>
        payload.IsString
            ? Encoding.UTF8.GetBytes(payload.AsString)
            : throw new InvalidDataException($"an outbox record's {nameof(Payload)} is {payload.Type}, not the check-in's JSON text");

    /// <summary>The broker acknowledged it (PUBACK); the hub's own ack comes later. Set back to false to send it again.</summary>
    public bool Sent { get; set; }

    /// <summary>When the broker last acknowledged it (the agent's clock): the start of the wait for the hub's ack.</summary>
    public DateTime? SentAt { get; set; }
}

/// <summary>
/// The single meta document: the last <c>seq</c> given out, kept apart from the records so purging never lowers it,
/// and the hub's latest <c>ack</c>, so a restarted agent does not resend what the hub already holds.
/// </summary>
internal sealed class OutboxMeta
{
    public const string Key = "seq";

    [BsonId]
    public string Id { get; set; } = Key;

    public long LastSeq { get; set; }

    /// <summary>Every check-in with <c>seq</c> up to this is durably stored at the hub (its <c>ack</c>).</summary>
    public long AckedUpTo { get; set; }
}
