namespace GateSync.Hub.Reconciliation;

/// <summary>What check-ins have told the engine about one person: the name on the card and the days at each site.</summary>
/// <param name="CardNameAt">When the check-in that gave <paramref name="CardName"/> happened.</param>
public sealed record PersonSightings(
    string IdNumber, string? CardName, DateTimeOffset? CardNameAt, IReadOnlyList<(string SiteId, IReadOnlyList<DayVisit> Days)> Sites);
