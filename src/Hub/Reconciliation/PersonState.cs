using GateSync.Hub.Registrations;

namespace GateSync.Hub.Reconciliation;

/// <summary>Everything the rules know about one person: where they were seen, their registration, their open findings.</summary>
internal sealed class PersonState(string idNumber)
{
    public string IdNumber { get; } = idNumber;

    public string? CardName { get; set; }

    /// <summary>When the check-in that gave <see cref="CardName"/> happened.</summary>
    public DateTimeOffset? CardNameAt { get; set; }

    public Registration? Registration { get; set; }

    public Dictionary<string, SiteVisits> Sites { get; } = new(StringComparer.Ordinal);

    public List<Finding> Open { get; } = [];

    /// <summary>When the person is next due for a look by time alone, if ever; mirrors the engine's schedule.</summary>
    public DateTimeOffset? DueAt { get; set; }

    /// <summary>A site whose agent must report further before a due <c>stale</c> can be concluded.</summary>
    public string? WaitingOnSite { get; set; }

    public string DisplayName => CardName ?? Registration?.Name ?? string.Empty;

    public DateTimeOffset? LastSeenAnywhere
    {
        get
        {
            DateTimeOffset? last = null;
            foreach (var visits in Sites.Values)
            {
                if (last is null || visits.LastSeen > last)
                {
                    last = visits.LastSeen;
                }
            }

            return last;
        }
    }

    public Finding? OpenFinding(FindingType type, string siteId) =>
        Open.Find(f => f.Type == type && string.Equals(f.SiteId, siteId, StringComparison.Ordinal));
}
