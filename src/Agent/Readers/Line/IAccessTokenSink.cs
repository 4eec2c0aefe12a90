namespace GateSync.Agent.Readers.Line;

/// <summary>
/// Receives tokens that are not ID numbers (an access card's UID, a staff badge). They open doors for whoever
/// listens (the door access) but are never published as check-ins.
/// </summary>
public interface IAccessTokenSink
{
    void TokenRead(string readerId, string token);
}

/// <summary>No door listens: such tokens are logged and dropped.</summary>
public sealed class NoAccessTokenSink : IAccessTokenSink
{
    public static NoAccessTokenSink Instance { get; } = new();

    public void TokenRead(string readerId, string token)
    {
    }
}
