
namespace GateSync.Agent.Publishing;

internal static partial class PublisherLog
{
    private static readonly Func<ILogger, string, string, IDisposable?> AgentScopeDefinition =
        LoggerMessage.DefineScope<string, string>("site {SiteId} agent {AgentId}");

    public static IDisposable? AgentScope(ILogger logger, string siteId, string agentId) => AgentScopeDefinition(logger, siteId, agentId);

    [LoggerMessage(EventId = 300, Level = LogLevel.Information, Message = "Connecting to broker {Host}:{Port} as {ClientId}")]
    public static partial void Connecting(ILogger logger, string host, int port, string clientId);

    [LoggerMessage(EventId = 301, Level = LogLevel.Information, Message = "Connected to broker; last seq {LastSeq}, {Backlog} check-ins to send")]
    public static partial void Connected(ILogger logger, long lastSeq, int backlog);

    [LoggerMessage(EventId = 302, Level = LogLevel.Warning, Message = "Broker not reachable (attempt {Attempt}); next try in {Delay}")]
    public static partial void ConnectFailed(ILogger logger, Exception? exception, int attempt, TimeSpan delay);

    [LoggerMessage(EventId = 303, Level = LogLevel.Warning, Message = "Connection to broker lost; check-ins stay in the outbox until it is back")]
    public static partial void ConnectionLost(ILogger logger, Exception? exception);

    [LoggerMessage(EventId = 304, Level = LogLevel.Error, Message = "Broker refused check-in {Seq}: {ReasonCode} {ReasonString}; it stays in the outbox and is retried")]
    public static partial void PublishRefused(ILogger logger, long seq, string reasonCode, string? reasonString);

    [LoggerMessage(EventId = 305, Level = LogLevel.Debug, Message = "Broker acknowledged {Count} check-ins up to seq {UpToSeq}")]
    public static partial void Published(ILogger logger, int count, long upToSeq);

    [LoggerMessage(EventId = 306, Level = LogLevel.Debug, Message = "Status published: {State}, last seq {LastSeq}, backlog {Backlog}")]
    public static partial void StatusPublished(ILogger logger, string state, long lastSeq, long backlog);

    [LoggerMessage(EventId = 307, Level = LogLevel.Warning, Message = "Could not say goodbye to the broker on shutdown; its Will reports the agent offline")]
    public static partial void GoodbyeFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 308, Level = LogLevel.Error, Message = "Publisher failed unexpectedly; check-ins stay in the outbox, restarting in {Delay}")]
    public static partial void Failed(ILogger logger, Exception exception, TimeSpan delay);

    [LoggerMessage(EventId = 309, Level = LogLevel.Debug, Message = "Hub acked check-ins up to seq {UpTo}")]
    public static partial void Acked(ILogger logger, long upTo);

    [LoggerMessage(EventId = 310, Level = LogLevel.Warning, Message = "Ignored a malformed message from the hub on {Topic}: {Problem}")]
    public static partial void HubMessageMalformed(ILogger logger, string topic, string problem);

    [LoggerMessage(EventId = 311, Level = LogLevel.Error, Message = "Could not apply the hub's message on {Topic}; the hub repeats it")]
    public static partial void HubMessageFailed(ILogger logger, Exception exception, string topic);

    [LoggerMessage(EventId = 312, Level = LogLevel.Information, Message = "Hub asked to replay seq {From}-{To}: {Held} check-ins queued again")]
    public static partial void Replaying(ILogger logger, long from, long to, long held);

    [LoggerMessage(EventId = 313, Level = LogLevel.Error, Message = "Hub asked to replay seq {From}-{To}: {Held} queued again, {Gone} no longer in the outbox (purged after an ack, or lost with a damaged outbox file)")]
    public static partial void ReplayPartlyGone(ILogger logger, long from, long to, long held, long gone);

    [LoggerMessage(EventId = 314, Level = LogLevel.Information, Message = "Sending {Count} check-ins again: the hub has acked only up to seq {AckedUpTo} after {Timeout}")]
    public static partial void ResendingUnacked(ILogger logger, int count, long ackedUpTo, TimeSpan timeout);

    [LoggerMessage(EventId = 315, Level = LogLevel.Debug, Message = "Deleted {Count} acked check-ins past retention (acked up to seq {AckedUpTo})")]
    public static partial void Purged(ILogger logger, int count, long ackedUpTo);

    [LoggerMessage(EventId = 316, Level = LogLevel.Error, Message = "Broker refused the subscription to {Topic} ({Result}); without the hub's acks every check-in is sent again after Agent:Publishing:AckTimeoutSeconds")]
    public static partial void SubscribeRefused(ILogger logger, string topic, string result);
}
