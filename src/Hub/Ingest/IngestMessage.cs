namespace GateSync.Hub.Ingest;

/// <summary>
/// One MQTT message on its way from the subscription to the store. <see cref="AcknowledgeAsync"/> releases it
/// at the broker and may be called only once it is durably committed.
/// </summary>
public sealed record IngestMessage(string Topic, ReadOnlyMemory<byte> Payload, Func<CancellationToken, Task> AcknowledgeAsync);
