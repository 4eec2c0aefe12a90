using GateSync.Hub.Api;
using Microsoft.AspNetCore.Authorization;

namespace GateSync.Hub.Access;

/// <summary>Policies for the reconciliation side of the API; the caller's area is applied by <see cref="Caller"/>.</summary>
public static class AccessPolicies
{
    /// <summary>Findings, demographics and staffing: every role, each within its area.</summary>
    public const string ReadArea = "area.read";

    /// <summary>The weekly station report (每周通报): district administrators and station officers.</summary>
    public const string ReadStationReport = "station-report.read";

    public static AuthorizationBuilder AddAccessPolicies(this AuthorizationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder
            .AddPolicy(ReadArea, p => p.RequireRole(HubRoles.DistrictAdmin, HubRoles.StationStaff, HubRoles.CommunityStaff))
            .AddPolicy(ReadStationReport, p => p.RequireRole(HubRoles.DistrictAdmin, HubRoles.StationStaff));
    }
}
