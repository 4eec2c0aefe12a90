using GateSync.Contracts.Wire;

namespace GateSync.Hub.Storage;

/// <summary>What one transaction stores: validated check-ins, agent statuses and rejected messages.</summary>
public sealed record IngestBatch(
    IReadOnlyList<CheckIn> CheckIns,
    IReadOnlyList<AgentStatus> Statuses,
    IReadOnlyList<Rejection> Rejections,
    DateTimeOffset ReceivedAt);

/// <summary>A message turned away by ingest, with the reason.</summary>
public sealed record Rejection(string Topic, RejectionKind Kind, string Reason, ReadOnlyMemory<byte> Payload);

/// <summary>What a committed batch changed.</summary>
public readonly record struct IngestBatchOutcome(int Stored, int Duplicates, int Rejected, int StatusesApplied);
