using GateSync.Agent.Doors;
using GateSync.Agent.Readers;

namespace GateSync.Agent.Configuration;

/// <summary>The section <c>Agent</c> of the settings: who this agent is, where it keeps data, what it reads and where it sends.</summary>
public sealed class AgentOptions
{
    public const string Section = "Agent";

    public string SiteId { get; set; } = string.Empty;

    public string AgentId { get; set; } = string.Empty;

    /// <summary>Holds the outbox; relative paths are resolved against the host's content root.</summary>
    public string DataDirectory { get; set; } = "./data";

    public List<ReaderOptions> Readers { get; set; } = [];

    /// <summary>Doors driven by this agent, each served by some of its readers; none means every check-in is only recorded.</summary>
    public List<DoorOptions> Doors { get; set; } = [];

    public MqttOptions Mqtt { get; set; } = new();

    public PublishingOptions Publishing { get; set; } = new();

    public OutboxOptions Outbox { get; set; } = new();
}

/// <summary><c>Agent:Outbox</c>: how long acked check-ins stay, and the key that encrypts the file.</summary>
public sealed class OutboxOptions
{
    /// <summary>Check-ins the hub has acked are deleted this long after they were sent; unacked ones are never deleted.</summary>
    public double RetentionHours { get; set; } = 72;

    /// <summary>Encrypts <c>outbox.db</c> (LiteDB AES) with this key. Prefer <see cref="KeyFile"/>, which keeps it out of settings files.</summary>
    public string? Key { get; set; }

    /// <summary>A file whose content (trimmed) is the outbox key, e.g. <c>/etc/gatesync/outbox.key</c> readable only by the agent.</summary>
    public string? KeyFile { get; set; }
}

/// <summary><c>Agent:Mqtt</c>: the broker in front of the hub.</summary>
public sealed class MqttOptions
{
    public string Host { get; set; } = "localhost";

    public int Port { get; set; } = 1883;

    public string? Username { get; set; }

    public string? Password { get; set; }

    public bool UseTls { get; set; }

    /// <summary>
    /// With <see cref="UseTls"/>: a PEM file of the CA that signed the broker's certificate (e.g. the trial CA of
    /// <c>scripts/make-trial-ca.sh</c>), trusted besides the system's CAs. Empty trusts the system's CAs only.
    /// </summary>
    public string? CaFile { get; set; }

    /// <summary>Defaults to the agent's id, so a second agent with the same id takes over the session visibly.</summary>
    public string? ClientId { get; set; }

    public int KeepAliveSeconds { get; set; } = 30;

    public int ConnectTimeoutSeconds { get; set; } = 15;
}

/// <summary><c>Agent:Publishing</c>: how fast and how often the agent speaks to the broker.</summary>
public sealed class PublishingOptions
{
    /// <summary>
    /// Cap on check-ins published per second, so a district-wide reconnect after an outage does not flood the hub
    /// (field notes). Live swipes are far below it.
    /// </summary>
    public double DrainRatePerSecond { get; set; } = 100;

    /// <summary>How often the retained online status is refreshed while connected.</summary>
    public int StatusIntervalSeconds { get; set; } = 60;

    /// <summary>A check-in the broker took but the hub has not acked this long after is sent again (the hub stores it once).</summary>
    public int AckTimeoutSeconds { get; set; } = 120;
}
