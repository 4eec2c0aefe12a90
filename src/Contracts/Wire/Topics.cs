namespace GateSync.Contracts.Wire;

/// <summary>The MQTT topics of contract version 1, all under <c>gatesync/v1/</c>.</summary>
public static class Topics
{
    public const string Root = "gatesync/v1";

    /// <summary>Every agent's check-ins; the hub subscribes to this.</summary>
    public const string AllCheckIns = Root + "/+/+/checkin";

    /// <summary>Every agent's retained status.</summary>
    public const string AllStatuses = Root + "/+/+/status";

    /// <summary>Several hub instances share the check-ins through this shared subscription.</summary>
    public const string SharedCheckIns = "$share/gatesync-hub/" + AllCheckIns;

    public static string CheckIn(string siteId, string agentId) => $"{Root}/{siteId}/{agentId}/checkin";

    public static string Status(string siteId, string agentId) => $"{Root}/{siteId}/{agentId}/status";

    public static string Ack(string siteId, string agentId) => $"{Root}/{siteId}/{agentId}/ack";

    public static string Command(string siteId, string agentId) => $"{Root}/{siteId}/{agentId}/cmd";

    /// <summary>Splits <c>gatesync/v1/{siteId}/{agentId}/{kind}</c>; <c>null</c> for any other topic.</summary>
    public static AgentTopic? Parse(string topic)
    {
        var parts = topic.Split('/');
        if (parts.Length != 5 || parts[0] != "gatesync" || parts[1] != "v1"
            || !Identifier.IsValid(parts[2]) || !Identifier.IsValid(parts[3]))
        {
            return null;
        }

        return new AgentTopic(parts[2], parts[3], parts[4]);
    }
}

public sealed record AgentTopic(string SiteId, string AgentId, string Kind)
{
    public const string CheckInKind = "checkin";
    public const string StatusKind = "status";
}
