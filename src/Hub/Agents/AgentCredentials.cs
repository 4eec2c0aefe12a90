namespace GateSync.Hub.Agents;

/// <summary>What <c>PUT /api/agents/{agentId}</c> answers once: the only time the secret leaves the hub.</summary>
public sealed record AgentCredentials(string AgentId, string SiteId, string MqttUsername, string MqttPassword);

/// <summary>An agent the broker let in, and so the only <c>gatesync/v1/{SiteId}/{AgentId}/</c> it may use.</summary>
public sealed record AgentIdentity(string SiteId, string AgentId);
