namespace GateSync.Agent.Doors;

/// <summary>A configured door at run time: its settings, its policy, its allow-list, and its strike (none when record-only).</summary>
public sealed record Door(DoorOptions Options, AccessDecider Decider, IAccessList AllowList, IDoor? Strike)
{
    public string DoorId => Options.DoorId;

    public TimeSpan HoldOpen => TimeSpan.FromMilliseconds(Options.HoldOpenMilliseconds);
}
