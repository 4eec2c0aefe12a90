namespace GateSync.Hub.Reconciliation;

/// <summary>
/// How long a site's agent(s) have been reporting. <see cref="FirstReportAt"/> is when the site was first heard
/// from; <see cref="LastReportAt"/> is the latest instant up to which it is known to have delivered its
/// check-ins (e.g. a status with backlog 0, or the receipt of a check-in). A person is only judged
/// <c>stale</c> at a site whose agent reported over the whole absence, so a dead agent does not make its
/// residents look gone.
/// </summary>
public sealed record SiteReporting(string SiteId, DateTimeOffset FirstReportAt, DateTimeOffset LastReportAt);
