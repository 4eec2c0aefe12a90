namespace GateSync.Hub;

/// <summary>Everything under the <c>Hub</c> configuration section.</summary>
public sealed class HubOptions
{
    public const string Section = "Hub";

    /// <summary>Where <c>hub.db</c> lives; relative paths are from the working directory.</summary>
    public string DataDirectory { get; set; } = "./data";

    public HubDatabaseOptions Database { get; set; } = new();

    public HubMqttOptions Mqtt { get; set; } = new();

    public HubAuthOptions Auth { get; set; } = new();

    public HubIngestOptions Ingest { get; set; } = new();
}

public sealed class HubDatabaseOptions
{
    /// <summary>When set, LiteDB encrypts <c>hub.db</c> at rest with this password.</summary>
    public string? Password { get; set; }
}

public enum MqttMode
{
    /// <summary>The hub runs its own MQTTnet broker; agents connect to the hub's host.</summary>
    Embedded,

    /// <summary>Agents and the hub connect to a broker run elsewhere (e.g. Mosquitto).</summary>
    External,
}

public sealed class HubMqttOptions
{
    public MqttMode Mode { get; set; } = MqttMode.Embedded;

    public EmbeddedBrokerOptions Embedded { get; set; } = new();

    public ExternalBrokerOptions External { get; set; } = new();

    /// <summary>Subscribe to check-ins through <c>$share/gatesync-hub/…</c> so several hubs split the load (External only).</summary>
    public bool SharedSubscription { get; set; }
}

public sealed class EmbeddedBrokerOptions
{
    public int Port { get; set; } = 1883;

    /// <summary>An IP address to listen on; empty listens on every interface.</summary>
    public string? BindAddress { get; set; }
}

public sealed class ExternalBrokerOptions
{
    public string? Host { get; set; }

    public int Port { get; set; } = 1883;

    public string? Username { get; set; }

    public string? Password { get; set; }

    public bool UseTls { get; set; }

    /// <summary>
    /// A PEM file of the CA that signed the broker's certificate, for a CA this machine does not trust system-wide (a
    /// district's own, or the trial CA of <c>scripts/make-trial-ca.sh</c>); the broker is then trusted through it alone.
    /// Only with <see cref="UseTls"/>.
    /// </summary>
    public string? CaFile { get; set; }

    /// <summary>Fixed, so the broker keeps this hub's persistent session across restarts; unique per hub instance.</summary>
    public string ClientId { get; set; } = "gatesync-hub";
}

public sealed class HubAuthOptions
{
    /// <summary>When set, a bearer token with the district-administrator role.</summary>
    public string? BootstrapAdminToken { get; set; }
}

public sealed class HubIngestOptions
{
    /// <summary>Most check-ins committed in one LiteDB transaction.</summary>
    public int BatchSize { get; set; } = 500;

    /// <summary>
    /// How long a batch waits for more messages once the queue is empty. 0 commits what has arrived at once:
    /// a broker limits unacknowledged messages in flight (Mosquitto: 20 by default), so waiting for a fuller batch
    /// would only add latency while the broker holds the rest back.
    /// </summary>
    public int MaxBatchDelayMs { get; set; }
}
