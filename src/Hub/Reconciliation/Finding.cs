namespace GateSync.Hub.Reconciliation;

/// <summary>
/// A conclusion about one person at one site. Never deleted: a resolved finding keeps when and why.
/// <c>community</c> and <c>station</c> of the contract come from <see cref="SiteId"/> when it is served.
/// </summary>
public sealed record Finding
{
    public required string Id { get; init; }
    public required FindingType Type { get; init; }
    public FindingStatus Status { get; init; } = FindingStatus.Open;
    public required string IdNumber { get; init; }
    public required string Name { get; init; }

    /// <summary>The site the finding belongs to: where the person is (unregistered, moved) or is registered (stale).</summary>
    public required string SiteId { get; init; }

    /// <summary>
    /// unregistered: first check-in at the site. moved: first check-in at the site after the last one at the
    /// registered site. stale: start of the absence (last check-in anywhere, or later registration or reporting start).
    /// </summary>
    public required DateTimeOffset Since { get; init; }

    public required DateTimeOffset OpenedAt { get; init; }
    public DateTimeOffset? ResolvedAt { get; init; }
    public FindingResolution? Resolution { get; init; }

    public bool IsOpen => Status == FindingStatus.Open;

    public Finding Resolve(DateTimeOffset at, FindingResolution why) =>
        this with { Status = FindingStatus.Resolved, ResolvedAt = at, Resolution = why };
}

public enum FindingType
{
    Unregistered,
    Moved,
    Stale,
}

public enum FindingStatus
{
    Open,
    Resolved,
}

/// <summary>Why a finding was resolved.</summary>
public enum FindingResolution
{
    /// <summary>unregistered: an active registration arrived.</summary>
    Registered,

    /// <summary>moved: the registration was updated to this site.</summary>
    RegistrationMovedHere,

    /// <summary>moved: the person was seen at the registered site again.</summary>
    SeenAtRegisteredSite,

    /// <summary>stale: the person was seen again.</summary>
    SeenAgain,

    /// <summary>moved, stale: the registration was cancelled or ran out (validUntil passed).</summary>
    RegistrationEnded,

    /// <summary>stale: the registration now names another site.</summary>
    RegistrationChanged,
}
