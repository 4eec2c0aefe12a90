using GateSync.Contracts.Identity;
using GateSync.Hub.Reconciliation;
using GateSync.Hub.Registrations;

namespace GateSync.Hub.Findings;

/// <summary>
/// A finding as the contract serves it, with the community and station of its site (empty for a site not in
/// the roll) and times in the district's zone. <see cref="Resolution"/> is an addition: why it was resolved.
/// </summary>
public sealed record FindingResponse(
    string Id,
    FindingType Type,
    FindingStatus Status,
    string IdNumber,
    string Name,
    string SiteId,
    string? Community,
    string? Station,
    DateTimeOffset Since,
    DateTimeOffset OpenedAt,
    DateTimeOffset? ResolvedAt,
    FindingResolution? Resolution)
{
    public static FindingResponse From(Finding finding, Site? site, TimeZoneInfo zone, bool reveal)
    {
        ArgumentNullException.ThrowIfNull(finding);
        ArgumentNullException.ThrowIfNull(zone);
        return new(
            finding.Id,
            finding.Type,
            finding.Status,
            reveal ? finding.IdNumber : PersonalDataMask.IdNumber(finding.IdNumber),
            reveal ? finding.Name : PersonalDataMask.Name(finding.Name),
            finding.SiteId,
            site?.Community,
            site?.Station,
            TimeZoneInfo.ConvertTime(finding.Since, zone),
            TimeZoneInfo.ConvertTime(finding.OpenedAt, zone),
            finding.ResolvedAt is { } at ? TimeZoneInfo.ConvertTime(at, zone) : null,
            finding.Resolution);
    }
}
