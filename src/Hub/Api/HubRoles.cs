namespace GateSync.Hub.Api;

/// <summary>Who a token speaks for. Station and community staff see only their own area (enforced per call as those calls arrive).</summary>
public static class HubRoles
{
    public const string DistrictAdmin = "district-admin";
    public const string StationStaff = "station-staff";
    public const string CommunityStaff = "community-staff";
}

/// <summary>Authorization policies by what a call does, so a call names its purpose rather than a role list.</summary>
public static class HubPolicies
{
    /// <summary>See agents and check-in counts: the district's operations view.</summary>
    public const string ViewIngest = "ingest.view";

    /// <summary>Change the hub's data: imports, agent credentials.</summary>
    public const string Administer = "hub.administer";
}
