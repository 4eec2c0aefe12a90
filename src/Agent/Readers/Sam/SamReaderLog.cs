using GateSync.Contracts.Wire;

namespace GateSync.Agent.Readers.Sam;

/// <summary>Log lines of a SAM reader. ID numbers arrive here already masked.</summary>
internal static partial class SamReaderLog
{
    [LoggerMessage(1101, LogLevel.Warning, "Reader {ReaderId}: serial device {Device} is not there; trying again every {Interval}")]
    public static partial void DeviceAbsent(ILogger logger, string readerId, string device, TimeSpan interval);

    [LoggerMessage(1102, LogLevel.Warning, "Reader {ReaderId}: cannot open serial device {Device}")]
    public static partial void OpenFailed(ILogger logger, string readerId, string device, Exception exception);

    [LoggerMessage(1103, LogLevel.Information, "Reader {ReaderId}: opened serial device {Device}")]
    public static partial void Opened(ILogger logger, string readerId, string device);

    [LoggerMessage(1104, LogLevel.Warning, "Reader {ReaderId}: lost serial device {Device}")]
    public static partial void LinkLost(ILogger logger, string readerId, string device, Exception exception);

    [LoggerMessage(1105, LogLevel.Information, "Reader {ReaderId}: state {Previous} -> {Current}")]
    public static partial void StateChanged(ILogger logger, string readerId, ReaderState previous, ReaderState current);

    [LoggerMessage(1106, LogLevel.Debug, "Reader {ReaderId}: command {Command} got no answer ({Reply})")]
    public static partial void NoAnswer(ILogger logger, string readerId, SamCommand command, SamReplyKind reply);

    [LoggerMessage(1107, LogLevel.Debug, "Reader {ReaderId}: command {Command} answered {Status}")]
    public static partial void StatusAnswer(ILogger logger, string readerId, SamCommand command, SamStatus status);

    [LoggerMessage(1108, LogLevel.Warning, "Reader {ReaderId}: {Faults} SAM faults in a row; reopening {Device}")]
    public static partial void Reopening(ILogger logger, string readerId, int faults, string device);

    [LoggerMessage(1109, LogLevel.Warning, "Reader {ReaderId}: a card could not be decoded: {Reason}")]
    public static partial void CardUnreadable(ILogger logger, string readerId, string reason);

    [LoggerMessage(1110, LogLevel.Information, "Reader {ReaderId}: {CardType} card {MaskedIdNumber} swiped")]
    public static partial void Swiped(ILogger logger, string readerId, CardType cardType, string maskedIdNumber);
}
