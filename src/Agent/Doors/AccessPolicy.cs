namespace GateSync.Agent.Doors;

/// <summary>Who a door lets in. Decided on the agent, instantly and without the network.</summary>
public enum AccessPolicy
{
    /// <summary>The door is never opened by the agent; every swipe is recorded as <c>recorded</c>.</summary>
    RecordOnly,

    /// <summary>Any readable card within its validity (a long-term card always) opens the door.</summary>
    ValidCard,

    /// <summary>Only ID numbers on the door's allow-list (residents, and the door's staff) open the door.</summary>
    ResidentsOnly,
}
