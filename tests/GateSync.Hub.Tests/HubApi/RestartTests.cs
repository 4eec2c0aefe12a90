using GateSync.Hub.Tests.Support;
using GateSync.Testing;
using GateSync.Testing.Processes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace GateSync.Hub.Tests.HubApi;

public sealed class RestartTests
{
    [Fact]
    public async Task Findings_survive_a_restart_and_the_rebuild_at_start_opens_no_second_one()
    {
        using var data = new TempDirectory();
        var time = new FakeTimeProvider(ReconciliationHubFixture.Now);
        string firstId;
        await using (var hub = await RunningHub.StartEmbeddedAsync(data.Path, FreeTcpPort.Next(), b => b.Services.AddSingleton<TimeProvider>(time)))
        {
            await hub.ImportAsync("sites", District.Sites);
            await ReconciliationHubFixture.StoreCheckInsAsync(
                hub,
                time,
                ReconciliationHubFixture.Lodge(District.NorthLodger, "site-n1", "restart-agent", 1, day: 1),
                ReconciliationHubFixture.Lodge(District.NorthLodger, "site-n1", "restart-agent", 2, day: 2));
            firstId = Assert.Single((await hub.GetJsonAsync("/api/findings")).EnumerateArray()).GetProperty("id").GetString()!;
        }

        time.Advance(TimeSpan.FromDays(1));
        await using (var hub = await RunningHub.StartEmbeddedAsync(data.Path, FreeTcpPort.Next(), b => b.Services.AddSingleton<TimeProvider>(time)))
        {
            var finding = Assert.Single((await hub.GetJsonAsync("/api/findings")).EnumerateArray());
            Assert.Equal(firstId, finding.GetProperty("id").GetString());
            Assert.Equal("open", finding.GetProperty("status").GetString());

            // The rebuilt engine still knows the lodger: registering resolves the stored finding.
            await hub.ImportAsync("registrations", District.Registration(District.NorthLodger, "site-n1"));
            Assert.Equal("resolved", Assert.Single((await hub.GetJsonAsync("/api/findings")).EnumerateArray()).GetProperty("status").GetString());
        }
    }

}
