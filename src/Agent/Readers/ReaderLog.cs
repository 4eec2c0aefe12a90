
namespace GateSync.Agent.Readers;

internal static partial class ReaderLog
{
    [LoggerMessage(EventId = 200, Level = LogLevel.Information, Message = "Reader {ReaderId} started ({Kind})")]
    public static partial void Started(ILogger logger, string readerId, string kind);

    [LoggerMessage(EventId = 201, Level = LogLevel.Error, Message = "Reader {ReaderId} failed; restarting in {Delay}")]
    public static partial void Failed(ILogger logger, Exception exception, string readerId, TimeSpan delay);

    [LoggerMessage(EventId = 202, Level = LogLevel.Information, Message = "Reader {ReaderId} stopped")]
    public static partial void Stopped(ILogger logger, string readerId);
}
