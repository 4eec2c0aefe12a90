namespace GateSync.Hub.Agents;

/// <summary>One agent's MQTT identity as the hub keeps it: the site it belongs to and a hash of its secret, never the secret.</summary>
public sealed class AgentCredentialDocument
{
    /// <summary>The agent ID, which is also its MQTT user name.</summary>
    public string Id { get; set; } = string.Empty;

    public string SiteId { get; set; } = string.Empty;

    /// <summary>Mosquitto <c>$7$</c> form, see <see cref="MosquittoPasswordHash"/>.</summary>
    public string PasswordHash { get; set; } = string.Empty;

    public DateTimeOffset IssuedAt { get; set; }
}
