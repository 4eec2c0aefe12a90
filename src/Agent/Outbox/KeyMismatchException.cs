namespace GateSync.Agent.Outbox;

/// <summary>The outbox is encrypted with another key than the configured one (or none is configured): a setting to fix, not damage.</summary>
public sealed class KeyMismatchException : InvalidOperationException
{
    public KeyMismatchException()
    {
    }

    public KeyMismatchException(string message)
        : base(message)
    {
    }

    public KeyMismatchException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
