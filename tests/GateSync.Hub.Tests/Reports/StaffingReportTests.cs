using GateSync.Hub.Registrations;
using GateSync.Hub.Reports;

namespace GateSync.Hub.Tests.Reports;

public sealed class StaffingReportTests
{
    [Theory]
    [InlineData(0, AreaKind.Urban, 0)]
    [InlineData(1, AreaKind.Urban, 1)]
    [InlineData(500, AreaKind.Urban, 1)]
    [InlineData(501, AreaKind.Urban, 2)]
    [InlineData(800, AreaKind.Rural, 1)]
    [InlineData(801, AreaKind.Rural, 2)]
    [InlineData(1600, AreaKind.Rural, 2)]
    public void Needed_co_managers_round_up(int population, AreaKind area, int needed)
    {
        Assert.Equal(needed, StaffingReport.Needed(population, area));
    }

    [Fact]
    public void Each_community_gets_needed_configured_and_a_shortfall_that_is_never_negative()
    {
        Site Site(string id, string community) => new(id, id, SiteKind.Rental, null, community, "城关派出所", AreaKind.Urban, null, null);
        var sites = new[] { Site("s-1", "幸福里"), Site("s-2", "东村") }.ToDictionary(s => s.SiteId);
        var people = Enumerable.Range(0, 1001).Select(i => new FloatingPerson($"p{i}", "s-1", null, null))
            .Append(new FloatingPerson("q", "s-2", null, null))
            .Append(new FloatingPerson("r", "s-unknown", null, null));

        var lines = StaffingReport.Calculate(
            [new Community("幸福里", "城关派出所", AreaKind.Urban, 1), new Community("东村", "城关派出所", AreaKind.Rural, 2), new Community("西村", "城关派出所", AreaKind.Rural, 0)],
            StaffingReport.CountByCommunity(people, sites));

        Assert.Equal(new StaffingLine("幸福里", "城关派出所", AreaKind.Urban, 1001, 3, 1, 2), lines.Single(l => l.Community == "幸福里"));
        Assert.Equal(new StaffingLine("东村", "城关派出所", AreaKind.Rural, 1, 1, 2, 0), lines.Single(l => l.Community == "东村"));
        Assert.Equal(new StaffingLine("西村", "城关派出所", AreaKind.Rural, 0, 0, 0, 0), lines.Single(l => l.Community == "西村"));
    }
}
