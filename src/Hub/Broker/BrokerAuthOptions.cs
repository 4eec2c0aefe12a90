namespace GateSync.Hub.Broker;

/// <summary>
/// <c>Hub:Mqtt:Embedded:RequireAuthentication</c> (default true): the embedded broker admits only agents registered through
/// <c>PUT /api/agents/{agentId}</c>, each to its own topics. False admits anyone anywhere, for a trial on a closed network.
/// </summary>
public sealed class BrokerAuthOptions
{
    public const string Section = "Hub:Mqtt:Embedded";

    public bool RequireAuthentication { get; set; } = true;
}
