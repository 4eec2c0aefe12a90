using LiteDB;

namespace GateSync.Hub.Storage;

/// <summary>A message that reached ingest but is not a check-in or status: kept with its reason for whoever must fix the sender.</summary>
public sealed class RejectedDocument
{
    public ObjectId Id { get; set; } = ObjectId.Empty;

    public string Topic { get; set; } = string.Empty;

    /// <summary>A <see cref="GateSync.Contracts.Wire.RejectionKind"/> name.</summary>
    public string Kind { get; set; } = string.Empty;

    public string Reason { get; set; } = string.Empty;

    public DateTimeOffset ReceivedAt { get; set; }

    /// <summary>The whole payload's size.</summary>
    public int PayloadBytes { get; set; }

    /// <summary>The start of the payload as text (invalid UTF-8 replaced), enough to diagnose, bounded so a flood cannot fill the disk fast.</summary>
    public string Payload { get; set; } = string.Empty;
}
