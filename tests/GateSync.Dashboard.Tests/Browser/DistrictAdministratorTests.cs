using System.Text.RegularExpressions;
using GateSync.Dashboard.Tests.Support;
using Microsoft.Playwright;

namespace GateSync.Dashboard.Tests.Browser;

/// <summary>
/// A district administrator works the dashboard in headless Chromium against the real hub: logs in, reads the
/// overview, works the findings (masked, then revealed and audited, one marked handled), reads the reports in
/// Chinese and English. Screenshots of each step are saved as test artifacts.
/// </summary>
public sealed partial class DistrictAdministratorTests(DashboardFixture fixture) : IClassFixture<DashboardFixture>
{
    private DashboardHub Hub => fixture.Hub;

    [Fact]
    public async Task Administrator_logs_in_works_the_findings_with_an_audited_reveal_and_reads_the_demographics()
    {
        var page = await fixture.NewPageAsync();

        // Without a session every page sends the user to the login page.
        await page.OpenAsync(Hub, "findings.html");
        await page.WaitForURLAsync("**/dashboard/login.html");
        await page.WaitReadyAsync();
        Assert.Equal("登录", await page.InnerTextAsync("#login button[type=submit]"));
        await page.ScreenshotAsync("01-login");

        await page.FillAsync("input[name=userName]", DashboardHub.AdminUser);
        await page.FillAsync("input[name=password]", "not-the-password");
        await page.ClickAsync("#login button[type=submit]");
        await Assertions.Expect(page.Locator("#login-error")).ToHaveTextAsync("用户名或密码错误");

        await page.LogInAsync(Hub, DashboardHub.AdminUser, DashboardHub.AdminPassword);
        await AssertOverviewAsync(page);

        await AssertFindingsMaskedThenRevealedAsync(page);
        await MarkFirstFindingHandledAsync(page);
        await AssertDemographicsAsync(page);
    }

    [Fact]
    public async Task Login_page_says_how_long_to_wait_after_repeated_failed_logins()
    {
        var page = await fixture.NewPageAsync();
        await page.OpenAsync(Hub, "login.html");

        // Another user name than the administrator's, whom the other tests of this hub log in as.
        await page.FillAsync("input[name=userName]", "guesser");
        for (var attempt = 1; attempt <= GateSync.Hub.Access.LoginThrottle.FailuresPerWindow + 1; attempt++)
        {
            await page.FillAsync("input[name=password]", $"guess-{attempt}");
            await page.RunAndWaitForResponseAsync(
                () => page.ClickAsync("#login button[type=submit]"), response => response.Url.EndsWith("/api/session", StringComparison.Ordinal));
        }

        await Assertions.Expect(page.Locator("#login-error")).ToHaveTextAsync(new Regex(@"^登录失败次数过多，请 \d+ 秒后再试$"));
        await page.ScreenshotAsync("login-throttled");
    }

    [Fact]
    public async Task A_user_changes_their_own_password_from_the_header_and_logs_in_with_the_new_one()
    {
        // A user of their own: the other tests of this hub log in as the administrator.
        await Hub.CreateUserAsync("zhao.lei", "stationOfficer", "first-password-1", station: SeededDistrict.CityStation);
        var page = await fixture.NewPageAsync();
        await page.LogInAsync(Hub, "zhao.lei", "first-password-1");

        await page.ClickAsync("#account-link");
        await page.WaitForURLAsync("**/dashboard/account.html");
        await page.WaitReadyAsync();
        await page.FillAsync("input[name=currentPassword]", "first-password-1");
        await page.FillAsync("input[name=newPassword]", "second-password-2");
        await page.FillAsync("input[name=repeatPassword]", "second-password-3");
        await page.ClickAsync("#account button[type=submit]");
        await Assertions.Expect(page.Locator("#account-message")).ToHaveTextAsync("两次输入的新密码不一致");

        await page.FillAsync("input[name=repeatPassword]", "second-password-2");
        await page.ClickAsync("#account button[type=submit]");
        await Assertions.Expect(page.Locator("#account-message")).ToHaveTextAsync("密码已修改，下次登录请使用新密码");
        await page.ScreenshotAsync("account-password-changed");

        await page.ClickAsync("#logout");
        await page.WaitForURLAsync("**/dashboard/login.html");
        await page.LogInAsync(Hub, "zhao.lei", "second-password-2");
        Assert.Contains("zhao.lei", await page.InnerTextAsync("header .user"), StringComparison.Ordinal);
    }

    private async Task AssertOverviewAsync(IPage page)
    {
        var open = await Hub.GetJsonAsync("/api/findings?status=open");
        var demographics = await Hub.GetJsonAsync("/api/reports/demographics");
        Assert.True(open.GetArrayLength() > 0, "the seeded district has open findings");

        Assert.Equal(open.GetArrayLength().ToString(), await page.InnerTextAsync("#open-findings .figure"));
        Assert.Contains($"已登记 {demographics.GetProperty("registered").GetInt32()} / 流动人口 {demographics.GetProperty("floatingPopulation").GetInt32()}",
            await page.InnerTextAsync("#registration-rate"));
        Assert.Equal("4", await page.InnerTextAsync("#agents-online .figure"));
        Assert.Equal("1", await page.InnerTextAsync("#agents-offline .figure"));
        Assert.Equal(2, await page.Locator("#findings-by-station tbody tr").CountAsync());

        // The trend: 56 district days, two lines, the open-findings line not flat.
        var chart = page.Locator("#trend svg.line-chart");
        Assert.Equal("56", await chart.GetAttributeAsync("data-points"));
        Assert.Equal(2, await chart.Locator("polyline").CountAsync());
        var openLine = await chart.Locator("polyline.series-0").GetAttributeAsync("points");
        Assert.True(openLine!.Split(' ').Select(p => p.Split(',')[1]).Distinct().Count() > 2, "open findings vary over the weeks");

        await page.ScreenshotAsync("02-overview");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Artifacts.DocsScreenshot("overview"), FullPage = true });
    }

    private async Task AssertFindingsMaskedThenRevealedAsync(IPage page)
    {
        await page.ClickAsync("nav a[data-page=findings]");
        await page.WaitForURLAsync("**/dashboard/findings.html");
        await page.WaitReadyAsync();

        var open = await Hub.GetJsonAsync("/api/findings?status=open");
        var rows = page.Locator("#findings-table tbody tr");
        Assert.Equal(open.GetArrayLength(), await rows.CountAsync());
        foreach (var idNumber in await page.Locator("#findings-table td.id-number").AllInnerTextsAsync())
        {
            Assert.Matches(MaskedId(), idNumber);
        }

        Assert.Equal("个人信息已脱敏显示。", await page.InnerTextAsync("#privacy-notice"));
        await page.ScreenshotAsync("03-findings-masked");

        // Filtering narrows the list the way the API does.
        await page.SelectOptionAsync("select[name=type]", "moved");
        await page.ClickAsync("#finding-filters button[type=submit]");
        await Assertions.Expect(rows).ToHaveCountAsync(1);
        Assert.Equal("住址变动", await rows.Locator(".badge").InnerTextAsync());
        await page.SelectOptionAsync("select[name=type]", "");
        await page.ClickAsync("#finding-filters button[type=submit]");
        await Assertions.Expect(rows).ToHaveCountAsync(open.GetArrayLength());

        var auditBefore = (await Hub.GetJsonAsync("/api/audit?who=admin")).GetArrayLength();
        await page.ClickAsync("#reveal-toggle");
        await Assertions.Expect(page.Locator("#privacy-notice")).ToHaveTextAsync("正在显示完整个人信息，本次查看已记入审计日志。");
        await Assertions.Expect(rows.First.Locator("td.id-number")).Not.ToContainTextAsync("*");
        var revealed = await page.Locator("#findings-table td.id-number").AllInnerTextsAsync();
        var lodgerNumbers = SeededDistrict.Lodgers.Select(l => l.IdNumber).ToHashSet();
        Assert.All(revealed, id => Assert.Contains(id, lodgerNumbers));
        var mover = await page.Locator($"#findings-table tr:has(td.id-number:text-is('{SeededDistrict.Mover.IdNumber}')) td.person-name").InnerTextAsync();
        Assert.Equal(SeededDistrict.Mover.Name, mover);
        await page.ScreenshotAsync("04-findings-revealed");

        // The reveal is in the audit: who, the call, and the people it showed (masked when the audit is read).
        var audit = await Hub.GetJsonAsync("/api/audit?who=admin");
        Assert.Equal(auditBefore + 1, audit.GetArrayLength());
        var entry = audit[0];
        Assert.Equal("district-admin", entry.GetProperty("role").GetString());
        Assert.Contains("reveal=true", entry.GetProperty("call").GetString());
        Assert.Equal(revealed.Count, entry.GetProperty("findingIds").GetArrayLength());
    }

    private async Task MarkFirstFindingHandledAsync(IPage page)
    {
        var row = page.Locator("#findings-table tbody tr").First;
        var findingId = await row.GetAttributeAsync("data-finding-id");
        await row.Locator("button.mark-handled").ClickAsync();
        await page.FillAsync("#handle-dialog textarea[name=reason]", "已上门核实，本人承诺三日内补登");
        await page.ClickAsync("#handle-dialog button[data-action=confirm]");

        var handled = page.Locator($"#findings-table tr[data-finding-id='{findingId}']");
        await Assertions.Expect(handled.Locator("td.handling")).ToContainTextAsync("admin");
        await Assertions.Expect(handled.Locator("td.handling")).ToContainTextAsync("已上门核实，本人承诺三日内补登");
        await Assertions.Expect(handled.Locator("td.handling")).ToContainTextAsync("2026/03/10 12:00");
        await page.ScreenshotAsync("05-finding-handled");

        // Handled is a note beside the finding: the finding is still there, as the rules left it.
        var handling = await Hub.GetJsonAsync("/api/findings/handling");
        var note = handling.EnumerateArray().Single(h => h.GetProperty("findingId").GetString() == findingId);
        Assert.Equal("admin", note.GetProperty("by").GetString());
        var stillThere = await Hub.GetJsonAsync("/api/findings");
        Assert.Contains(stillThere.EnumerateArray(), f => f.GetProperty("id").GetString() == findingId && f.GetProperty("status").GetString() == "open");

        // Hiding handled findings leaves it out.
        await page.CheckAsync("input[name=hideHandled]");
        await page.ClickAsync("#finding-filters button[type=submit]");
        await Assertions.Expect(handled).ToHaveCountAsync(0);
    }

    private async Task AssertDemographicsAsync(IPage page)
    {
        await page.ClickAsync("nav a[data-page=demographics]");
        await page.WaitForURLAsync("**/dashboard/demographics.html");
        await page.WaitReadyAsync();

        var demographics = await Hub.GetJsonAsync("/api/reports/demographics");
        Assert.Equal(demographics.GetProperty("floatingPopulation").GetInt32().ToString(), await page.InnerTextAsync("#population .figure"));

        // Five charts (age, origin, gender, education, occupation), each with bars whose values sum to the population.
        var charts = page.Locator("#demographics-charts svg.bar-chart");
        Assert.Equal(5, await charts.CountAsync());
        Assert.Equal(["年龄", "来源地", "性别", "文化程度", "职业"], await page.Locator("#demographics-charts figcaption").AllInnerTextsAsync());
        var population = demographics.GetProperty("floatingPopulation").GetInt32();
        for (var i = 0; i < 5; i++)
        {
            var values = await charts.Nth(i).Locator("rect.bar").EvaluateAllAsync<int[]>("bars => bars.map(b => Number(b.dataset.value))");
            Assert.True(values.Length > 0);
            Assert.Equal(population, values.Sum());
        }

        Assert.Contains("外省", await charts.Nth(1).TextContentAsync());
        Assert.Contains("建筑工人", await charts.Nth(4).TextContentAsync());
        await page.ScreenshotAsync("06-demographics");

        var csv = await page.Locator("a.csv").GetAttributeAsync("href");
        Assert.Contains("format=csv", csv);

        // The language switch: English, kept in a cookie across pages.
        await page.ClickAsync("#language-switch");
        await page.Locator("html[lang=en] body[data-ready=true]").WaitForAsync();
        Assert.Equal("Demographics", await page.InnerTextAsync("main h1"));
        Assert.Equal(["Age", "Origin", "Gender", "Education", "Occupation"], await page.Locator("#demographics-charts figcaption").AllInnerTextsAsync());
        Assert.Contains("Other province", await charts.Nth(1).TextContentAsync());
        Assert.Equal("en", await page.GetAttributeAsync("html", "lang"));
        await page.ScreenshotAsync("07-demographics-english");
        await page.ClickAsync("nav a[data-page=staffing]");
        await page.WaitForURLAsync("**/dashboard/staffing.html");
        await page.WaitReadyAsync();
        Assert.Equal("Co-manager staffing", await page.InnerTextAsync("main h1"));
    }

    [Fact]
    public async Task Administrator_uploads_registrations_with_a_row_error_report_and_reads_sites_staffing_and_the_weekly_report()
    {
        var page = await fixture.NewPageAsync();
        await page.LogInAsync(Hub, DashboardHub.AdminUser, DashboardHub.AdminPassword);

        // Sites and agents: the offline agent with its backlog, the agent with a gap in its seqs.
        await page.OpenAsync(Hub, "sites.html");
        var offline = page.Locator("#sites-table tr[data-agent-id=s2-gate]");
        Assert.Equal("离线", await offline.Locator(".badge").InnerTextAsync());
        Assert.Contains("17", await offline.InnerTextAsync());
        Assert.Equal("5–7", await page.Locator("#sites-table tr[data-agent-id=n3-gate] td.missing").InnerTextAsync());
        Assert.Contains("2026/03/10 12:00", await offline.InnerTextAsync());
        await page.ScreenshotAsync("08-sites");

        // A file with one good and one bad row: the good one is stored, the bad one reported by row.
        await page.OpenAsync(Hub, "registrations.html");
        var newcomer = People.Make("410102", "19930303", 301);
        var csv = SeededDistrict.RegistrationHeader + "\n"
            + $"{newcomer},新来者,site-n1,2026-03-10,,快递员,高中,active\n"
            + "110105194912310000,坏号码,site-n1,2026-03-10,,,,active\n";
        await page.SetInputFilesAsync("#registrations-file", new FilePayload { Name = "registrations.csv", MimeType = "text/csv", Buffer = System.Text.Encoding.UTF8.GetBytes(csv) });
        await page.ClickAsync("#upload-form button[type=submit]");
        await Assertions.Expect(page.Locator("#upload-summary")).ToHaveTextAsync("新增 1 条，更新 0 条，拒绝 1 条");
        Assert.Equal("2", await page.Locator("#rejected-rows tbody tr td").First.InnerTextAsync());
        await page.ScreenshotAsync("09-registrations-upload");

        // Staffing: 北苑社区 has no co-manager for its floating population.
        await page.OpenAsync(Hub, "staffing.html");
        var beiyuan = page.Locator("#staffing-table tr[data-community='北苑社区']");
        Assert.Equal("shortfall", await beiyuan.GetAttributeAsync("class"));
        Assert.Equal("/api/reports/staffing?format=csv", await page.Locator("a.csv").GetAttributeAsync("href"));
        await page.ScreenshotAsync("10-staffing");

        // The weekly report of a station, for a chosen ISO week.
        await page.OpenAsync(Hub, "weekly.html");
        await page.SelectOptionAsync("select[name=station]", SeededDistrict.CityStation);
        await page.FillAsync("input[name=week]", "2026-W09");
        await page.ClickAsync("#weekly-form button[type=submit]");
        await Assertions.Expect(page.Locator(".period")).ToContainTextAsync("2026-W09");
        var api = await Hub.GetJsonAsync($"/api/reports/weekly?station={Uri.EscapeDataString(SeededDistrict.CityStation)}&year=2026&week=9");
        var total = page.Locator("#weekly-table tr.total td.number");
        Assert.Equal(api.GetProperty("total").GetProperty("arrivals").GetInt32().ToString(), await total.First.InnerTextAsync());
        Assert.Equal(1 + api.GetProperty("communities").GetArrayLength(), await page.Locator("#weekly-table tbody tr").CountAsync());
        await page.ScreenshotAsync("11-weekly");
    }

    [GeneratedRegex(@"^\d{6}\*{8}\d{3}[\dX]$")]
    private static partial Regex MaskedId();
}
