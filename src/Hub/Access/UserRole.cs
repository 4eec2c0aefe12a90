using GateSync.Hub.Api;

namespace GateSync.Hub.Access;

/// <summary>The roles a user may be given, as the users API names them.</summary>
public enum UserRole
{
    /// <summary>派出所/区 administrator: the whole district, may reveal personal data.</summary>
    DistrictAdmin,

    /// <summary>Police station officer (民警): their station's sites; may reveal their station's findings.</summary>
    StationOfficer,

    /// <summary>Co-manager (协管员): their community's sites; sees findings masked only.</summary>
    CoManager,
}

public static class UserRoles
{
    public static readonly IReadOnlyDictionary<string, UserRole> ByName = new Dictionary<string, UserRole>(StringComparer.OrdinalIgnoreCase)
    {
        ["districtAdmin"] = UserRole.DistrictAdmin,
        ["stationOfficer"] = UserRole.StationOfficer,
        ["coManager"] = UserRole.CoManager,
    };

    public static string ApiName(this UserRole role) => role switch
    {
        UserRole.DistrictAdmin => "districtAdmin",
        UserRole.StationOfficer => "stationOfficer",
        _ => "coManager",
    };

    /// <summary>The <see cref="HubRoles"/> claim a user of this role carries.</summary>
    public static string Claim(this UserRole role) => role switch
    {
        UserRole.DistrictAdmin => HubRoles.DistrictAdmin,
        UserRole.StationOfficer => HubRoles.StationStaff,
        _ => HubRoles.CommunityStaff,
    };
}
