namespace GateSync.Agent.Doors;

/// <summary>The ID numbers a <see cref="AccessPolicy.ResidentsOnly"/> door lets in.</summary>
public interface IAccessList
{
    /// <summary>Whether a normalised 18-character ID number is on the list.</summary>
    bool Contains(string idNumber);
}
