using GateSync.Agent.Doors;
using GateSync.Contracts.Wire;

namespace GateSync.Agent.Tests.Doors;

public class AccessDeciderTests
{
    private const string Resident = "11010519491231002X";
    private const string Stranger = "130208199001011234";
    private static readonly DateOnly Today = new(2026, 11, 24);
    private static readonly IAccessList Residents = new AllowList([Resident]);

    public static TheoryData<AccessPolicy, string, string?, string?, AccessDecision> Table => new()
    {
        // policy, ID number, valid from, valid to, decision
        { AccessPolicy.RecordOnly, Resident, "2015-03-01", "2035-03-01", AccessDecision.Recorded },
        { AccessPolicy.RecordOnly, Stranger, "2005-03-01", "2015-03-01", AccessDecision.Recorded },
        { AccessPolicy.ValidCard, Stranger, "2015-03-01", "2035-03-01", AccessDecision.Granted },
        { AccessPolicy.ValidCard, Stranger, "2006-11-24", "2026-11-24", AccessDecision.Granted }, // last valid day
        { AccessPolicy.ValidCard, Stranger, "2006-11-23", "2026-11-23", AccessDecision.Denied }, // expired yesterday
        { AccessPolicy.ValidCard, Stranger, "2016-03-01", null, AccessDecision.Granted }, // long-term (长期)
        { AccessPolicy.ValidCard, Stranger, "2026-11-25", "2046-11-25", AccessDecision.Denied }, // not valid yet
        { AccessPolicy.ValidCard, Stranger, null, null, AccessDecision.Granted }, // number-only reader: no validity known
        { AccessPolicy.ResidentsOnly, Resident, "2015-03-01", "2035-03-01", AccessDecision.Granted },
        { AccessPolicy.ResidentsOnly, Resident, "2005-03-01", "2015-03-01", AccessDecision.Granted }, // resident, expired card
        { AccessPolicy.ResidentsOnly, Stranger, "2016-03-01", null, AccessDecision.Denied },
    };

    [Theory]
    [MemberData(nameof(Table))]
    public void Policy_decides_by_card_date_and_list(AccessPolicy policy, string idNumber, string? validFrom, string? validTo, AccessDecision expected)
    {
        var card = new CardData
        {
            Type = CardType.Resident,
            IdNumber = idNumber,
            Name = "张三",
            ValidFrom = validFrom is null ? null : DateOnly.Parse(validFrom, System.Globalization.CultureInfo.InvariantCulture),
            ValidTo = validTo is null ? null : DateOnly.Parse(validTo, System.Globalization.CultureInfo.InvariantCulture),
        };

        Assert.Equal(expected, new AccessDecider(policy).Decide(card, Today, Residents));
    }

    [Fact]
    public void Staff_on_the_doors_list_are_let_in_with_the_residents()
    {
        var staff = new AllowList(["  11010519491231002x "]);
        var list = new CombinedAccessList(staff, AllowList.Empty);

        Assert.True(list.Contains(Resident));
        Assert.False(list.Contains(Stranger));
        Assert.Equal(1, staff.Count);
    }

    [Fact]
    public void Invalid_numbers_never_make_it_onto_an_allow_list() =>
        Assert.Equal(0, new AllowList(["110105194912310021", "", "abc"]).Count);
}
