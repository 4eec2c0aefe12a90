using System.Security.Claims;
using GateSync.Hub.Api;
using GateSync.Hub.Registrations;
using GateSync.Hub.Reports;

namespace GateSync.Hub.Access;

/// <summary>
/// Who is calling and what part of the district they may see: a district administrator everything, a station
/// officer the sites of their station, a co-manager the sites of their community. Every read of findings,
/// people or reports goes through <see cref="Narrow"/>, so a filter can only narrow the caller's area.
/// </summary>
public sealed record Caller(string Name, string Role, string? Station, string? Community)
{
    public bool IsDistrictAdmin => Role == HubRoles.DistrictAdmin;

    /// <summary>
    /// Who may see ID numbers and names: the district administrator, and a station officer (their station's
    /// findings only, which is all they are shown). A co-manager works the list masked (PIPL: minimum exposure).
    /// </summary>
    public bool MayReveal => Role is HubRoles.DistrictAdmin or HubRoles.StationStaff;

    public static Caller From(ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        var role = user.IsInRole(HubRoles.DistrictAdmin) ? HubRoles.DistrictAdmin
            : user.IsInRole(HubRoles.StationStaff) ? HubRoles.StationStaff
            : user.IsInRole(HubRoles.CommunityStaff) ? HubRoles.CommunityStaff
            : string.Empty;
        return new Caller(
            user.Identity?.Name ?? string.Empty,
            role,
            user.FindFirst(BearerAuthenticationHandler.StationClaim)?.Value,
            user.FindFirst(BearerAuthenticationHandler.CommunityClaim)?.Value);
    }

    /// <summary>
    /// The caller's area narrowed by a call's <paramref name="station"/> and <paramref name="community"/> filters,
    /// or <c>null</c> when they ask for something outside it (the answer is then empty, never someone else's).
    /// </summary>
    public ReportScope? Narrow(string? station, string? community)
    {
        switch (Role)
        {
            case HubRoles.DistrictAdmin:
                return new ReportScope(station, community);
            case HubRoles.StationStaff when Station is not null:
                return station is not null && !Same(station, Station) ? null : new ReportScope(Station, community);
            case HubRoles.CommunityStaff when Community is not null:
                return (community is not null && !Same(community, Community)) ? null : new ReportScope(station, Community);
            default:
                // A staff token without its area sees nothing rather than everything.
                return null;
        }
    }

    /// <summary>Whether a community belongs to <paramref name="scope"/> (for the per-community staffing report).</summary>
    public static bool Contains(ReportScope scope, Community community)
    {
        ArgumentNullException.ThrowIfNull(scope);
        ArgumentNullException.ThrowIfNull(community);
        return (scope.Station is null || Same(scope.Station, community.Station))
            && (scope.Community is null || Same(scope.Community, community.Name));
    }

    private static bool Same(string a, string b) => string.Equals(a, b, StringComparison.Ordinal);
}
