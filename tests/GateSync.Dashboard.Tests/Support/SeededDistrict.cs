using System.Globalization;
using System.Text;
using GateSync.Contracts.Wire;

namespace GateSync.Dashboard.Tests.Support;

/// <summary>
/// A small district lived through eight weeks: two stations, three communities, five sites with a door agent each,
/// and 25 non-local people arriving over the weeks. A third register at once, a third register late (their
/// <c>unregistered</c> finding opens and is resolved), a third never register; one registered person moved.
/// </summary>
internal static class SeededDistrict
{
    public const string CityStation = "城区派出所";
    public const string LakeStation = "南湖派出所";
    public const string Beiyuan = "北苑社区";

    public static readonly DateOnly FirstDay = new(2026, 1, 13);
    public static readonly DateOnly LastDay = new(2026, 3, 9);

    public const string Sites = """
        siteId,name,kind,address,community,station,area,operator,operatorPhone
        site-n1,北苑小区12号楼,rental,丰润区北苑路12号,北苑社区,城区派出所,urban,王建国,13800000001
        site-n2,新华路工地,worksite,丰润区新华路,新华社区,城区派出所,urban,唐山建工集团,13800000002
        site-n3,新华公寓,rental,丰润区新华路8号,新华社区,城区派出所,urban,李秀英,13800000003
        site-s1,南湖员工宿舍,dormitory,南湖工业区,南湖社区,南湖派出所,rural,南湖食品厂,13800000004
        site-s2,南湖村出租屋,rental,南湖村,南湖社区,南湖派出所,rural,赵福,13800000005
        """;

    public const string Communities = """
        community,station,area,coManagers
        北苑社区,城区派出所,urban,0
        新华社区,城区派出所,urban,1
        南湖社区,南湖派出所,rural,1
        """;

    public const string RegistrationHeader = "idNumber,name,siteId,registeredOn,validUntil,occupation,education,status";

    private static readonly string[] SiteIds = ["site-n1", "site-n2", "site-n3", "site-s1", "site-s2"];
    private static readonly string[] Divisions = ["130207", "130102", "410102", "510104", "340102", "110105", "130283", "230103"];
    private static readonly string[] Births = ["19620315", "19710622", "19790910", "19850118", "19900704", "19941130", "19980226", "20030508"];
    private static readonly string[] Occupations = ["建筑工人", "餐饮服务员", "快递员", "工厂操作工", "个体经营", "保洁员"];
    private static readonly string[] Educations = ["初中", "高中", "中专", "大专", "本科", "小学"];
    private static readonly string[] Names =
    [
        "张伟", "王芳", "李娜", "刘洋", "陈静", "杨磊", "赵敏", "黄强", "周杰", "吴丽", "徐涛", "孙燕",
        "胡军", "朱琳", "高峰", "林霞", "何勇", "郭婷", "马超", "罗娟", "梁斌", "宋佳", "郑浩", "谢雪", "韩冰",
    ];

    public static string AgentOf(string siteId) => siteId["site-".Length..] + "-gate";

    public static IReadOnlyList<Lodger> Lodgers { get; } = MakeLodgers();

    /// <summary>The registered person (at site-n1) who lives at site-s2 since 20 February: a <c>moved</c> finding.</summary>
    public static Lodger Mover => Lodgers[^1];

    public static string RegistrationRow(Lodger person, DateOnly registeredOn) => string.Join(',',
        person.IdNumber, person.Name, person.RegisteredSite ?? person.SiteId, registeredOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), string.Empty,
        person.Occupation, person.Education, "active");

    public static string RegistrationsCsv(IEnumerable<string> rows)
    {
        var csv = new StringBuilder(RegistrationHeader).Append('\n');
        foreach (var row in rows)
        {
            csv.Append(row).Append('\n');
        }

        return csv.ToString();
    }

    private static List<Lodger> MakeLodgers()
    {
        var people = new List<Lodger>();
        for (var i = 0; i < 24; i++)
        {
            var arrival = FirstDay.AddDays(i * 2 + i % 3);
            var days = new List<DateOnly> { arrival, arrival.AddDays(1) };

            // Three in four stay and are seen weekly; the rest leave after two days.
            if (i % 4 != 3)
            {
                for (var day = arrival.AddDays(7); day <= LastDay; day = day.AddDays(7))
                {
                    days.Add(day);
                }
            }

            DateOnly? registers = (i % 3) switch
            {
                0 => arrival.AddDays(1),
                1 => arrival.AddDays(6),
                _ => null,
            };
            people.Add(new Lodger(
                People.Make(Divisions[i % Divisions.Length], Births[(i * 3) % Births.Length], i + 1),
                Names[i],
                SiteIds[i % SiteIds.Length],
                days,
                registers is { } r && r <= LastDay ? r : null,
                null,
                Occupations[i % Occupations.Length],
                Educations[(i * 5) % Educations.Length]));
        }

        // Registered at site-n1 before the period, living at site-s2 from 20 February and never seen at home.
        people.Add(new Lodger(
            People.Make("410102", "19870412", 99), Names[24], "site-s2",
            [new DateOnly(2026, 2, 20), new DateOnly(2026, 2, 21), new DateOnly(2026, 2, 28), new DateOnly(2026, 3, 7)],
            FirstDay, "site-n1", "厨师", "高中"));
        return people;
    }
}

/// <param name="SiteId">Where the person lives (checks in).</param>
/// <param name="RegisteredSite">Where the registration says, when not <paramref name="SiteId"/>.</param>
internal sealed record Lodger(
    string IdNumber,
    string Name,
    string SiteId,
    IReadOnlyList<DateOnly> Days,
    DateOnly? RegistersOn,
    string? RegisteredSite,
    string Occupation,
    string Education)
{
    public CheckIn CheckInOn(DateOnly day, long seq) => new()
    {
        AgentId = SeededDistrict.AgentOf(SiteId),
        SiteId = SiteId,
        Seq = seq,
        ReaderId = "gate-1",
        Direction = Direction.In,
        OccurredAt = new DateTimeOffset(day.ToDateTime(new TimeOnly(8, 0)), TimeSpan.FromHours(8)).AddMinutes(seq % 60),
        Card = new CardData
        {
            Type = CardType.Resident,
            IdNumber = IdNumber,
            Name = Name,
            Gender = Contracts.Identity.IdNumber.GenderOf(IdNumber),
            BirthDate = Contracts.Identity.IdNumber.BirthDate(IdNumber) ?? new DateOnly(1990, 1, 1),
            Address = "外地",
            Issuer = "公安局",
            ValidFrom = new DateOnly(2015, 3, 1),
            ValidTo = null,
        },
        Access = AccessDecision.Granted,
    };
}
