namespace GateSync.Hub.Reconciliation;

/// <summary>A non-local person living or working at a site in a period, for the reports.</summary>
/// <param name="Since">First check-in at the site (the arrival).</param>
/// <param name="LastSeen">Last check-in at the site up to the end of the period.</param>
public sealed record Presence(string IdNumber, string Name, string SiteId, DateTimeOffset Since, DateTimeOffset LastSeen);
