using GateSync.Hub.Registrations;
using static GateSync.Hub.Tests.Registrations.CsvInput;

namespace GateSync.Hub.Tests.Registrations;

public sealed class CommunitiesCsvTests
{
    [Fact]
    public async Task Communities_are_read_and_bad_co_manager_counts_rejected()
    {
        var rows = await All(CommunitiesCsv.ReadAsync(Utf8(
            "community,station,area,coManagers\n"
            + "幸福里社区,城关派出所,urban,3\n"
            + "东村,东派出所,rural,-1\n"
            + "西村,西派出所,rural,two\n"
            + "北村,北派出所,mountain,1\n")));

        Assert.Equal(new Community("幸福里社区", "城关派出所", AreaKind.Urban, 3), rows[0].Record);
        Assert.Contains("coManagers must be a whole number 0 or more (was '-1')", rows[1].Reason, StringComparison.Ordinal);
        Assert.Contains("coManagers", rows[2].Reason, StringComparison.Ordinal);
        Assert.Contains("area must be one of urban, rural", rows[3].Reason, StringComparison.Ordinal);
    }
}
