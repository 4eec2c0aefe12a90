using GateSync.Hub.Reconciliation;
using GateSync.Hub.Registrations;

namespace GateSync.Hub.Reports;

/// <summary>
/// rules.md: the non-local persons with an active registration, plus the non-local persons present at a
/// site in the last 30 days without one, each counted once: at the site where last present, or, when present
/// nowhere in the period, at the active registration's site.
/// </summary>
public static class FloatingPopulation
{
    public const int PresenceDays = 30;

    /// <param name="presences">Non-local presences in the <see cref="PresenceDays"/> days up to <paramref name="day"/>
    /// (<see cref="ReconciliationEngine.Presences"/>).</param>
    public static IReadOnlyList<FloatingPerson> On(
        DateOnly day, string areaCode, IEnumerable<Registration> registrations, IEnumerable<Presence> presences)
    {
        ArgumentNullException.ThrowIfNull(areaCode);
        ArgumentNullException.ThrowIfNull(registrations);
        ArgumentNullException.ThrowIfNull(presences);

        var arrivals = new Dictionary<(string IdNumber, string SiteId), DateTimeOffset>();
        var lastSeen = new Dictionary<(string IdNumber, string SiteId), DateTimeOffset>();
        var latest = new Dictionary<string, Presence>(StringComparer.Ordinal);
        foreach (var presence in presences.Where(p => !p.IdNumber.StartsWith(areaCode, StringComparison.Ordinal)))
        {
            arrivals[(presence.IdNumber, presence.SiteId)] = presence.Since;
            lastSeen[(presence.IdNumber, presence.SiteId)] = presence.LastSeen;
            if (!latest.TryGetValue(presence.IdNumber, out var known) || presence.LastSeen > known.LastSeen)
            {
                latest[presence.IdNumber] = presence;
            }
        }

        // A person counts where last present; a registered person present nowhere in the period, at the registration's site.
        var people = new Dictionary<string, FloatingPerson>(StringComparer.Ordinal);
        foreach (var registration in registrations)
        {
            if (registration.IsActiveOn(day) && !registration.IdNumber.StartsWith(areaCode, StringComparison.Ordinal))
            {
                // Seen as recently at home as anywhere: home wins the tie.
                var siteId = latest.TryGetValue(registration.IdNumber, out var last)
                    && !(lastSeen.TryGetValue((registration.IdNumber, registration.SiteId), out var home) && home >= last.LastSeen)
                    ? last.SiteId
                    : registration.SiteId;
                DateTimeOffset? arrived = arrivals.TryGetValue((registration.IdNumber, siteId), out var since) ? since : null;
                people[registration.IdNumber] = new FloatingPerson(registration.IdNumber, siteId, registration, arrived);
            }
        }

        foreach (var presence in latest.Values)
        {
            people.TryAdd(presence.IdNumber, new FloatingPerson(presence.IdNumber, presence.SiteId, null, presence.Since));
        }

        return people.Values.ToList();
    }
}
