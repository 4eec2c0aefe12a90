using GateSync.Hub.Registrations;

namespace GateSync.Hub.Reconciliation;

/// <summary>A finding to open: its type, site and since.</summary>
internal readonly record struct FindingRaise(FindingType Type, string SiteId, DateTimeOffset Since);

/// <summary>What the rules conclude about one person at one instant, and when to look again.</summary>
internal sealed record Judgement(
    IReadOnlyList<(Finding Finding, FindingResolution Why)> Resolutions,
    IReadOnlyList<FindingRaise> Raises,
    DateTimeOffset? NextDue,
    string? WaitingOnSite);

/// <summary>
/// The rules of rules.md applied to one person. Pure: the person's state, the sites' reporting and "now" in,
/// a judgement out. Cost is linear in the person's days.
/// </summary>
internal sealed class FindingRules(ReconciliationSettings settings, DistrictCalendar calendar)
{
    private readonly ResidencePattern pattern = ResidencePattern.For(settings);
    private readonly TimeSpan grace = TimeSpan.FromDays(settings.RegistrationGraceDays);
    private readonly TimeSpan staleAfter = TimeSpan.FromDays(settings.StaleAfterDays);

    public Judgement Judge(PersonState person, DateTimeOffset now, IReadOnlyDictionary<string, SiteReporting> sites)
    {
        var today = calendar.DayOf(now);
        var registration = person.Registration is { } r && r.IsActiveOn(today) ? r : null;
        var lastSeenAnywhere = person.LastSeenAnywhere;

        var resolutions = new List<(Finding, FindingResolution)>();
        foreach (var finding in person.Open)
        {
            if (ResolutionOf(finding, person, registration, lastSeenAnywhere) is { } why)
            {
                resolutions.Add((finding, why));
            }
        }

        var raises = new List<FindingRaise>();
        var dues = new List<DateTimeOffset>();
        string? waitingOn = null;

        if (registration?.ValidUntil is { } validUntil)
        {
            dues.Add(calendar.StartOf(validUntil.AddDays(1)));
        }

        bool StaysOpen(FindingType type, string siteId) =>
            person.OpenFinding(type, siteId) is { } open && !resolutions.Exists(x => ReferenceEquals(x.Item1, open));

        // Locals have a household registration here; the roll is not for them.
        if (!settings.IsLocal(person.IdNumber))
        {
            if (registration is null)
            {
                RaiseUnregistered(person, now, raises, dues, StaysOpen);
            }
            else
            {
                RaiseMoved(person, registration, now, raises, dues, StaysOpen);
                if (!StaysOpen(FindingType.Stale, registration.SiteId))
                {
                    waitingOn = RaiseStale(registration, lastSeenAnywhere, now, sites, raises, dues);
                }
            }
        }

        DateTimeOffset? next = dues.Count == 0 ? null : dues.Min();
        return new Judgement(resolutions, raises, next, waitingOn);
    }

    private static FindingResolution? ResolutionOf(
        Finding finding, PersonState person, Registration? registration, DateTimeOffset? lastSeenAnywhere)
    {
        switch (finding.Type)
        {
            case FindingType.Unregistered:
                return registration is null ? null : FindingResolution.Registered;

            case FindingType.Moved:
                if (registration is null)
                {
                    return FindingResolution.RegistrationEnded;
                }

                if (SameSite(registration.SiteId, finding.SiteId))
                {
                    return FindingResolution.RegistrationMovedHere;
                }

                return person.Sites.TryGetValue(registration.SiteId, out var home) && home.LastSeen > finding.Since
                    ? FindingResolution.SeenAtRegisteredSite
                    : null;

            case FindingType.Stale:
                if (registration is null)
                {
                    return FindingResolution.RegistrationEnded;
                }

                if (!SameSite(registration.SiteId, finding.SiteId))
                {
                    return FindingResolution.RegistrationChanged;
                }

                return lastSeenAnywhere > finding.Since ? FindingResolution.SeenAgain : null;

            default:
                return null;
        }
    }

    private void RaiseUnregistered(
        PersonState person, DateTimeOffset now, List<FindingRaise> raises, List<DateTimeOffset> dues,
        Func<FindingType, string, bool> staysOpen)
    {
        foreach (var (siteId, visits) in person.Sites)
        {
            if (staysOpen(FindingType.Unregistered, siteId) || !LivesThereNow(visits, 0, now))
            {
                continue;
            }

            Consider(new FindingRaise(FindingType.Unregistered, siteId, visits.FirstSeen), now, raises, dues);
        }
    }

    private void RaiseMoved(
        PersonState person, Registration registration, DateTimeOffset now, List<FindingRaise> raises,
        List<DateTimeOffset> dues, Func<FindingType, string, bool> staysOpen)
    {
        // Arriving at B counts from the last time at the registered site: a visit to B before the
        // person was last home is not a move.
        DateTimeOffset? lastHome = person.Sites.TryGetValue(registration.SiteId, out var home) ? home.LastSeen : null;

        foreach (var (siteId, visits) in person.Sites)
        {
            if (SameSite(siteId, registration.SiteId) || staysOpen(FindingType.Moved, siteId))
            {
                continue;
            }

            var from = lastHome is { } after ? visits.FirstDayWithCheckInAfter(after) : 0;
            if (from >= visits.Days.Count || !LivesThereNow(visits, from, now))
            {
                continue;
            }

            var arrivalDay = visits.Days[from];

            // Days keep only their first and last check-in; when the person was at both sites that day,
            // the last check-in at B is the earliest one known to be after leaving home.
            var since = lastHome is { } left && arrivalDay.First <= left ? arrivalDay.Last : arrivalDay.First;
            Consider(new FindingRaise(FindingType.Moved, siteId, since), now, raises, dues);
        }
    }

    /// <returns>The registered site when the stale finding is due but its agent has not reported far enough.</returns>
    private string? RaiseStale(
        Registration registration, DateTimeOffset? lastSeenAnywhere, DateTimeOffset now,
        IReadOnlyDictionary<string, SiteReporting> sites, List<FindingRaise> raises, List<DateTimeOffset> dues)
    {
        if (!sites.TryGetValue(registration.SiteId, out var reporting))
        {
            return null;
        }

        // Absence counts only while it could have been seen: not before the registration, nor before the site's agent reported.
        var absentSince = Max(calendar.StartOf(registration.RegisteredOn), reporting.FirstReportAt);
        if (lastSeenAnywhere is { } seen)
        {
            absentSince = Max(absentSince, seen);
        }

        var due = absentSince + staleAfter;
        if (due > now)
        {
            dues.Add(due);
            return null;
        }

        if (reporting.LastReportAt < due)
        {
            return registration.SiteId;
        }

        raises.Add(new FindingRaise(FindingType.Stale, registration.SiteId, absentSince));
        return null;
    }

    private void Consider(FindingRaise raise, DateTimeOffset now, List<FindingRaise> raises, List<DateTimeOffset> dues)
    {
        var due = raise.Since + grace;
        if (due <= now)
        {
            raises.Add(raise);
        }
        else
        {
            dues.Add(due);
        }
    }

    /// <summary>A stay at the site, and seen there within the stale period: a stay long past is not where someone lives now.</summary>
    private bool LivesThereNow(SiteVisits visits, int from, DateTimeOffset now) =>
        visits.LastSeen >= now - staleAfter && pattern.IsMetBy(visits.Days, from, visits.Days.Count);

    private static bool SameSite(string a, string b) => string.Equals(a, b, StringComparison.Ordinal);

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a >= b ? a : b;
}
