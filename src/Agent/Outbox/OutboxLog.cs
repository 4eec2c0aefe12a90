
namespace GateSync.Agent.Outbox;

internal static partial class OutboxLog
{
    [LoggerMessage(EventId = 100, Level = LogLevel.Information, Message = "Outbox {Path} open: last seq {LastSeq}, {Backlog} check-ins not yet sent")]
    public static partial void Opened(ILogger logger, string path, long lastSeq, int backlog);

    [LoggerMessage(EventId = 101, Level = LogLevel.Error, Message = "Outbox {Path} could not be opened and was moved to {MovedTo}; a fresh outbox continues the seq. Check-ins not yet sent from the old file need recovering by hand")]
    public static partial void CorruptMovedAside(ILogger logger, Exception exception, string path, string movedTo);

    [LoggerMessage(EventId = 102, Level = LogLevel.Information, Message = "Check-in {Seq} recorded from reader {ReaderId}: card {IdNumber}")]
    public static partial void Recorded(ILogger logger, long seq, string readerId, string idNumber);

    [LoggerMessage(EventId = 103, Level = LogLevel.Critical, Message = "Swipe from reader {ReaderId} could not be stored in the outbox; retrying")]
    public static partial void AppendFailed(ILogger logger, Exception exception, string readerId);

    [LoggerMessage(EventId = 104, Level = LogLevel.Error, Message = "Could not write {Path} after check-in {Seq}; should the outbox file also be lost, seq could restart below it")]
    public static partial void SeqStateWriteFailed(ILogger logger, Exception exception, string path, long seq);

    [LoggerMessage(EventId = 105, Level = LogLevel.Warning, Message = "Outbox {Path} was not encrypted; encrypted it with the configured key ({Documents} documents copied)")]
    public static partial void Encrypted(ILogger logger, string path, int documents);
}
