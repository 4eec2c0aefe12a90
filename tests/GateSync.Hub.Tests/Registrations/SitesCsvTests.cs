using System.Text;
using GateSync.Hub.Registrations;
using static GateSync.Hub.Tests.Registrations.CsvInput;

namespace GateSync.Hub.Tests.Registrations;

public sealed class SitesCsvTests
{
    private const string Header = "siteId,name,kind,address,community,station,area,operator,operatorPhone\n";

    private static Task<List<ImportRow<Site>>> Read(string text, bool bom = false) => All(SitesCsv.ReadAsync(Utf8(text, bom)));

    [Fact]
    public async Task A_site_row_with_Chinese_text_and_quoted_commas_newlines_and_quotes_is_read_whole()
    {
        var rows = await Read(Header
            + "fr-0042,\"幸福里 \"\"3号\"\" 出租屋\",rental,\"河北省唐山市丰润区幸福里3号,\n2单元\",幸福里社区,城关派出所,urban,王建国,13800000000\n");

        var site = Assert.Single(rows).Record!;
        Assert.Equal("fr-0042", site.SiteId);
        Assert.Equal("幸福里 \"3号\" 出租屋", site.Name);
        Assert.Equal(SiteKind.Rental, site.Kind);
        Assert.Equal("河北省唐山市丰润区幸福里3号,\n2单元", site.Address);
        Assert.Equal("幸福里社区", site.Community);
        Assert.Equal("城关派出所", site.Station);
        Assert.Equal(AreaKind.Urban, site.Area);
        Assert.Equal("王建国", site.Operator);
        Assert.Equal("13800000000", site.OperatorPhone);
    }

    [Fact]
    public async Task A_byte_order_mark_does_not_spoil_the_first_column_name()
    {
        var rows = await Read(Header + "ws-1,工地,worksite,,东村,东派出所,rural,,\n", bom: true);

        var site = Assert.Single(rows).Record!;
        Assert.Equal("ws-1", site.SiteId);
        Assert.Null(site.Address);
        Assert.Null(site.Operator);
    }

    [Fact]
    public async Task Bad_rows_are_rejected_one_by_one_and_the_rest_are_read()
    {
        var rows = await Read(Header
            + "s-1,甲,rental,,c,st,urban,,\n"
            + "s-2,乙,castle,,c,st,suburban,,\n"
            + "s/3,丙,rental,,c,st,urban,,\n"
            + "s-4,丁,dormitory,,c,st\n"
            + "s-5,戊,Dormitory,,c,st,RURAL,,\n");

        Assert.Equal([1, 2, 3, 4, 5], rows.Select(r => r.Row));
        Assert.True(rows[0].IsAccepted);
        Assert.Contains("kind must be one of rental, worksite, dormitory (was 'castle')", rows[1].Reason, StringComparison.Ordinal);
        Assert.Contains("area must be one of urban, rural (was 'suburban')", rows[1].Reason, StringComparison.Ordinal);
        Assert.Contains("siteId must be 1-64 characters", rows[2].Reason, StringComparison.Ordinal);
        Assert.Equal("row has 6 fields, the header has 9", rows[3].Reason);
        Assert.Equal(SiteKind.Dormitory, rows[4].Record!.Kind);
    }

    [Fact]
    public async Task A_missing_column_rejects_the_file_naming_the_column()
    {
        var rows = await Read("siteId,name,kind,address,community,area,operator,operatorPhone\ns-1,甲,rental,,c,urban,,\n");

        var rejection = Assert.Single(rows);
        Assert.Equal(0, rejection.Row);
        Assert.Contains("lacks column(s) station", rejection.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_empty_file_is_rejected_as_a_whole()
    {
        var rows = await Read(string.Empty);

        Assert.Equal(0, Assert.Single(rows).Row);
    }

    [Fact]
    public async Task Columns_may_come_in_any_order_with_extra_ones()
    {
        var rows = await Read("name,siteId,note,kind,address,community,station,area,operator,operatorPhone\n甲,s-1,x,rental,,c,st,urban,,\n");

        Assert.Equal("s-1", Assert.Single(rows).Record!.SiteId);
    }

    [Fact]
    public async Task A_stray_quote_rejects_that_row_only()
    {
        var rows = await Read(Header
            + "s-1,\"甲\"x,rental,,c,st,urban,,\n"
            + "s-2,乙,rental,,c,st,urban,,\n");

        Assert.False(rows[0].IsAccepted);
        Assert.Contains("malformed quoting", rows[0].Reason, StringComparison.Ordinal);
        Assert.True(rows[1].IsAccepted);
    }

    [Fact]
    public async Task A_row_saved_as_GBK_is_rejected_with_a_hint()
    {
        var utf8 = Encoding.UTF8.GetBytes(Header + "s-1,x,rental,,c,st,urban,,\n");
        byte[] gbk = [.. "s-2,"u8, 0xD5, 0xC5, .. ",rental,,c,st,urban,,\n"u8];
        var rows = await All(SitesCsv.ReadAsync(new MemoryStream([.. utf8, .. gbk])));

        Assert.True(rows[0].IsAccepted);
        Assert.Contains("not valid UTF-8", rows[1].Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Windows_line_ends_and_a_missing_final_line_end_are_fine()
    {
        var rows = await Read(Header.Replace("\n", "\r\n", StringComparison.Ordinal) + "s-1,甲,rental,,c,st,urban,,\r\ns-2,乙,rental,,c,st,urban,,");

        Assert.All(rows, r => Assert.True(r.IsAccepted));
        Assert.Equal(2, rows.Count);
    }
}
