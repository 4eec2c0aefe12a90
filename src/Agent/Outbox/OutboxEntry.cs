using System.Text.Json;
using GateSync.Contracts.Wire;

namespace GateSync.Agent.Outbox;

/// <summary>A check-in waiting in the outbox: its contract JSON exactly as recorded, which is what gets published.</summary>
public sealed record OutboxEntry(long Seq, byte[] Payload)
{
    /// <summary>The record as read, so marking it sent needs no second read of the batch.</summary>
    internal LiteDB.BsonDocument? Stored { get; init; }

    /// <summary>Decodes the payload; the publisher never needs to, so it is not done on the way out.</summary>
    public CheckIn Decode() =>
        JsonSerializer.Deserialize(Payload, ContractJson.Context.CheckIn)
        ?? throw new InvalidDataException($"outbox record {Seq} holds JSON null instead of a check-in");
}
