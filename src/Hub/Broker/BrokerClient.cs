using System.Collections;
using GateSync.Hub.Agents;

namespace GateSync.Hub.Broker;

/// <summary>Who a broker session belongs to, kept in the session's items from connect to disconnect.</summary>
internal static class BrokerClient
{
    private const string Key = "gatesync.client";

    /// <summary>The hub itself.</summary>
    private static readonly object Internal = new();

    /// <summary>Anyone, admitted while <c>RequireAuthentication</c> is false.</summary>
    private static readonly object Anonymous = new();

    public static void RememberInternal(IDictionary sessionItems) => sessionItems[Key] = Internal;

    public static void RememberAnonymous(IDictionary sessionItems) => sessionItems[Key] = Anonymous;

    public static void RememberAgent(IDictionary sessionItems, AgentIdentity agent) => sessionItems[Key] = agent;

    /// <summary>The hub, or anyone when authentication is off, may use every topic.</summary>
    public static bool IsUnrestricted(IDictionary? sessionItems) =>
        sessionItems?[Key] is { } client && (ReferenceEquals(client, Internal) || ReferenceEquals(client, Anonymous));

    /// <summary>The agent a session belongs to; <c>null</c> for an unrestricted or unknown session.</summary>
    public static AgentIdentity? AgentOf(IDictionary? sessionItems) => sessionItems?[Key] as AgentIdentity;
}
