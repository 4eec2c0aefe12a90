namespace GateSync.Agent.Doors;

/// <summary>On the list when on any of its parts: a door's staff, plus the residents synced from the hub.</summary>
public sealed class CombinedAccessList(params IAccessList[] parts) : IAccessList
{
    public bool Contains(string idNumber) => parts.Any(part => part.Contains(idNumber));
}
