using GateSync.Contracts.Identity;
using GateSync.Hub.Findings;
using GateSync.Hub.Reconciliation;
using GateSync.Hub.Registrations;

namespace GateSync.Hub.Dashboard;

/// <summary><c>POST /api/people/search</c>: one person by ID number. In the body, so the number never appears in a URL or access log.</summary>
public sealed record PersonSearchRequest(string? IdNumber, bool Reveal);

/// <summary>What the hub knows of one person within the caller's area: masked unless revealed.</summary>
public sealed record PersonResponse(
    string IdNumber,
    string? Name,
    RegistrationView? Registration,
    IReadOnlyList<PresenceView> Presences,
    IReadOnlyList<FindingResponse> Findings);

public sealed record RegistrationView(
    string SiteId, string? Community, string? Station, DateOnly RegisteredOn, DateOnly? ValidUntil, string? Occupation, string? Education, RegistrationStatus Status);

/// <summary>Where the person lives or works now (present in the last 30 days).</summary>
public sealed record PresenceView(string SiteId, string? Community, string? Station, DateTimeOffset Since, DateTimeOffset LastSeen);

/// <summary>Gathers one person's registration, presences and findings, keeping only what lies in the caller's area.</summary>
public static class PersonLookup
{
    public static PersonResponse? Find(
        string idNumber,
        Func<string, bool> inArea,
        IReadOnlyDictionary<string, Site> sites,
        Registration? registration,
        IEnumerable<Presence> presences,
        IEnumerable<Finding> findings,
        TimeZoneInfo zone,
        bool reveal)
    {
        ArgumentNullException.ThrowIfNull(inArea);
        ArgumentNullException.ThrowIfNull(sites);

        var visibleRegistration = registration is not null && inArea(registration.SiteId) ? registration : null;
        var visiblePresences = presences.Where(p => p.IdNumber == idNumber && inArea(p.SiteId)).ToList();
        var visibleFindings = findings.Where(f => inArea(f.SiteId)).OrderByDescending(f => f.OpenedAt).ToList();
        if (visibleRegistration is null && visiblePresences.Count == 0 && visibleFindings.Count == 0)
        {
            return null;
        }

        var name = visibleRegistration?.Name ?? visiblePresences.FirstOrDefault()?.Name ?? visibleFindings.FirstOrDefault()?.Name;
        return new PersonResponse(
            reveal ? idNumber : PersonalDataMask.IdNumber(idNumber),
            name is null ? null : reveal ? name : PersonalDataMask.Name(name),
            visibleRegistration is { } r
                ? new RegistrationView(r.SiteId, Site(r.SiteId)?.Community, Site(r.SiteId)?.Station, r.RegisteredOn, r.ValidUntil, r.Occupation, r.Education, r.Status)
                : null,
            [.. visiblePresences.Select(p => new PresenceView(
                p.SiteId, Site(p.SiteId)?.Community, Site(p.SiteId)?.Station,
                TimeZoneInfo.ConvertTime(p.Since, zone), TimeZoneInfo.ConvertTime(p.LastSeen, zone)))],
            [.. visibleFindings.Select(f => FindingResponse.From(f, Site(f.SiteId), zone, reveal))]);

        Site? Site(string siteId) => sites.GetValueOrDefault(siteId);
    }
}
