namespace GateSync.Hub.Reconciliation;

/// <summary>What the rules need of a stored check-in: who, where, and when it happened (not when it arrived).</summary>
/// <param name="IdNumber">Normalised ID number, as the check-in validator leaves it.</param>
/// <param name="Name">Name from the card, used on findings for people not in the roll.</param>
public sealed record Sighting(string IdNumber, string Name, string SiteId, DateTimeOffset OccurredAt);
