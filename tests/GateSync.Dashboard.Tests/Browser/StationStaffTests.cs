using GateSync.Dashboard.Tests.Support;
using Microsoft.Playwright;

namespace GateSync.Dashboard.Tests.Browser;

/// <summary>Station officers and co-managers see their own area only, and only what their role may.</summary>
public sealed class StationStaffTests(DashboardFixture fixture) : IClassFixture<DashboardFixture>
{
    private DashboardHub Hub => fixture.Hub;

    [Fact]
    public async Task Station_officer_sees_only_the_station_and_finds_a_person_with_an_audited_reveal()
    {
        var page = await fixture.NewPageAsync();
        await page.LogInAsync(Hub, DashboardHub.OfficerUser, DashboardHub.OfficerPassword);
        Assert.Contains("派出所民警", await page.InnerTextAsync("header .user"));
        Assert.Equal(1, await page.Locator("#findings-by-station tbody tr").CountAsync());
        Assert.Equal(SeededDistrict.CityStation, await page.Locator("#findings-by-station tbody tr").GetAttributeAsync("data-station"));

        await page.OpenAsync(Hub, "findings.html");
        var stations = await page.Locator("#findings-table tbody tr td:nth-child(6)").AllInnerTextsAsync();
        Assert.NotEmpty(stations);
        Assert.All(stations, s => Assert.Equal(SeededDistrict.CityStation, s));

        // Registrations: no upload for a station officer, but the search; a revealed search is audited.
        await page.OpenAsync(Hub, "registrations.html");
        Assert.Equal(0, await page.Locator("#upload-form").CountAsync());
        var lodger = SeededDistrict.Lodgers.First(l => l.SiteId == "site-n1" && l.RegistersOn is not null);
        await page.FillAsync("#search-form input[name=idNumber]", lodger.IdNumber);
        await page.CheckAsync("#search-form input[name=reveal]");
        await page.ClickAsync("#search-form button[type=submit]");
        await Assertions.Expect(page.Locator("#person h3")).ToHaveTextAsync($"{lodger.Name} {lodger.IdNumber}");
        Assert.Contains(lodger.Occupation, await page.InnerTextAsync("#person dl"));
        await page.ScreenshotAsync("12-station-person-search");

        var audit = await Hub.GetJsonAsync($"/api/audit?who={DashboardHub.OfficerUser}");
        var call = audit[0].GetProperty("call").GetString()!;
        Assert.Contains("reveal=true", call);
        Assert.DoesNotContain(lodger.IdNumber, call);

        // A person of the other station is not found from here.
        var elsewhere = SeededDistrict.Lodgers.First(l => l.SiteId == "site-s1" && l.RegistersOn is not null);
        await page.FillAsync("#search-form input[name=idNumber]", elsewhere.IdNumber);
        await page.ClickAsync("#search-form button[type=submit]");
        await Assertions.Expect(page.Locator("#search-result")).ToHaveTextAsync("辖区内没有此人的记录");
    }

    [Fact]
    public async Task Co_manager_works_the_community_masked_without_reveal_or_registrations()
    {
        var page = await fixture.NewPageAsync("en-US");
        await page.LogInAsync(Hub, DashboardHub.CoManagerUser, DashboardHub.CoManagerPassword);

        // English from the browser's language.
        Assert.Equal("Overview", await page.InnerTextAsync("main h1"));
        Assert.Equal(0, await page.Locator("nav a[data-page=registrations]").CountAsync());
        Assert.Equal(0, await page.Locator("nav a[data-page=weekly]").CountAsync());

        await page.OpenAsync(Hub, "findings.html");
        Assert.Equal(0, await page.Locator("#reveal-toggle").CountAsync());
        var communities = await page.Locator("#findings-table tbody tr td:nth-child(5)").AllInnerTextsAsync();
        Assert.NotEmpty(communities);
        Assert.All(communities, c => Assert.Equal(SeededDistrict.Beiyuan, c));
        Assert.All(await page.Locator("#findings-table td.id-number").AllInnerTextsAsync(), id => Assert.Contains("********", id));
        await page.ScreenshotAsync("13-co-manager-findings");
    }
}
