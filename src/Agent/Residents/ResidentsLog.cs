namespace GateSync.Agent.Residents;

internal static partial class ResidentsLog
{
    [LoggerMessage(EventId = 730, Level = LogLevel.Information, Message = "Residents list version {Version} from the hub: {Count} people")]
    public static partial void Applied(ILogger logger, long version, int count);

    [LoggerMessage(EventId = 731, Level = LogLevel.Debug, Message = "Residents list version {Version} ignored: version {Held} is held already")]
    public static partial void NotNewer(ILogger logger, long version, long held);

    [LoggerMessage(EventId = 732, Level = LogLevel.Warning, Message = "Ignored a malformed residents list (version {Version}) from the hub; the list held stays")]
    public static partial void Malformed(ILogger logger, long version);

    [LoggerMessage(EventId = 733, Level = LogLevel.Information, Message = "Residents list version {Version} loaded from {Path}: {Count} people")]
    public static partial void Loaded(ILogger logger, long version, int count, string path);

    [LoggerMessage(EventId = 734, Level = LogLevel.Warning, Message = "Residents file {Path} ignored ({Problem}); residentsOnly doors admit only staff until the hub sends the list again")]
    public static partial void FileUnreadable(ILogger logger, string path, string problem);

    [LoggerMessage(EventId = 735, Level = LogLevel.Error, Message = "Could not store the residents list in {Path}; it is used, but a restart without network loses it")]
    public static partial void SaveFailed(ILogger logger, Exception exception, string path);
}
