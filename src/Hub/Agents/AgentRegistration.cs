namespace GateSync.Hub.Agents;

/// <summary>The body of <c>PUT /api/agents/{agentId}</c>.</summary>
public sealed record AgentRegistration(string? SiteId);
