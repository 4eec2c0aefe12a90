namespace GateSync.Agent.Readers.Sam;

public enum SamReplyKind
{
    /// <summary>A well-formed response frame arrived; see <see cref="SamReply.Status"/>.</summary>
    Answered,

    /// <summary>No response frame within the timeout.</summary>
    TimedOut,

    /// <summary>A response frame arrived with a wrong checksum.</summary>
    Garbled,
}

/// <summary>How a SAM answered one command. The response data stays in the connection's buffer.</summary>
public readonly record struct SamReply(SamReplyKind Kind, SamStatus Status)
{
    public static SamReply TimedOut => new(SamReplyKind.TimedOut, default);

    public static SamReply Garbled => new(SamReplyKind.Garbled, default);
}
