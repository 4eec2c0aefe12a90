using GateSync.Hub.Tests.Reconciliation;

namespace GateSync.Hub.Tests.HubApi;

/// <summary>A small district for API tests: two stations, a community each, three sites (area code 130208 from appsettings).</summary>
internal static class District
{
    public const string Sites = """
        siteId,name,kind,address,community,station,area,operator,operatorPhone
        site-n1,北苑1号,rental,"河北省唐山市丰润区北苑路1号, 2单元",north-c1,north,urban,王房东,13800000001
        site-n2,北工地,worksite,,north-c1,north,urban,某建筑公司,13800000002
        site-s1,南宿舍,dormitory,,south-c1,south,rural,李老板,13800000003
        """;

    public const string Communities = """
        community,station,area,coManagers
        north-c1,north,urban,0
        south-c1,south,rural,1
        """;

    /// <summary>Non-local (Tangshan Fengnan, same city), lives at site-n1 without a registration.</summary>
    public static readonly string NorthLodger = TestPeople.NonLocal(1);

    /// <summary>Non-local (Beijing, other province), lives at site-s1 without a registration.</summary>
    public static readonly string SouthLodger = TestPeople.Make("110105", "19800101", 2);

    public static string Registration(string idNumber, string site, string status = "active", string registeredOn = "2026-01-05") =>
        $"idNumber,name,siteId,registeredOn,validUntil,occupation,education,status\n{idNumber},张三,{site},{registeredOn},,工人,初中,{status}\n";
}
