using Microsoft.Playwright;

namespace GateSync.Dashboard.Tests.Support;

/// <summary>What a user does on the dashboard, as steps the tests read like.</summary>
internal static class PageActions
{
    public static async Task OpenAsync(this IPage page, DashboardHub hub, string file)
    {
        await page.GotoAsync(new Uri(hub.BaseAddress, "/dashboard/" + file).ToString());
        await WaitReadyAsync(page);
    }

    /// <summary>Every page sets body[data-ready] once its data is on screen.</summary>
    public static Task WaitReadyAsync(this IPage page) =>
        page.Locator("body[data-ready=true]").WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Attached });

    public static async Task LogInAsync(this IPage page, DashboardHub hub, string user, string password)
    {
        await page.OpenAsync(hub, "login.html");
        await page.FillAsync("input[name=userName]", user);
        await page.FillAsync("input[name=password]", password);
        await page.ClickAsync("#login button[type=submit]");
        await page.WaitForURLAsync("**/dashboard/index.html");
        await WaitReadyAsync(page);
    }

    public static Task ScreenshotAsync(this IPage page, string name) =>
        page.ScreenshotAsync(new PageScreenshotOptions { Path = Artifacts.Screenshot(name), FullPage = true });
}
