using GateSync.Hub.Registrations;

namespace GateSync.Hub.Reports;

/// <summary>
/// A member of the floating population, counted once: at the site where last present in the period,
/// else (registered but not seen) at the registration's site.
/// </summary>
/// <param name="ArrivedAt">First check-in at <paramref name="SiteId"/>, when known.</param>
public sealed record FloatingPerson(string IdNumber, string SiteId, Registration? Registration, DateTimeOffset? ArrivedAt)
{
    public bool IsRegistered => Registration is not null;
}
