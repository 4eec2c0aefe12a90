using System.Net;
using System.Text.Json;
using GateSync.Contracts.Wire;
using GateSync.Hub.Reconciliation;
using GateSync.Hub.Storage;
using GateSync.Hub.Tests.HubApi;
using GateSync.Hub.Tests.Support;
using GateSync.Testing;
using GateSync.Testing.Processes;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using static GateSync.Hub.Tests.HubApi.ReconciliationHubFixture;

namespace GateSync.Hub.Tests.Reconciliation;

/// <summary>
/// A hub saves its reconciliation state when it stops, and the next start reads only the check-ins stored since, on a
/// real LiteDB file: here one check-in committed but never judged, as a crash between the commit and reconciliation leaves it.
/// </summary>
public sealed class SavedStateAtStartTests
{
    private static readonly CheckIn[] Judged =
    [
        Lodge(District.NorthLodger, "site-n1", "north-agent", 1, day: 1),
        Lodge(District.NorthLodger, "site-n1", "north-agent", 2, day: 2),
        Lodge(District.SouthLodger, "site-s1", "south-agent", 1, day: 1),
    ];

    /// <summary>The south lodger's second day: committed, not judged before the hub stops.</summary>
    private static readonly CheckIn NotJudged = Lodge(District.SouthLodger, "site-s1", "south-agent", 2, day: 3);

    [Fact]
    public async Task Restart_reads_only_what_was_stored_since_the_saved_state_and_keeps_the_findings()
    {
        using var data = new TempDirectory();
        var time = new FakeTimeProvider(Now);
        var north = await RunUntilStoppedAsync(data.Path, time);

        await using var hub = await StartAsync(data.Path, time);
        var health = await RebuiltAsync(hub);

        // One check-in read at start, not four; the north lodger's finding comes back as it was, the south one's is new.
        Assert.Equal(1, health.GetProperty("checkInsRead").GetInt64());
        var open = (await hub.GetJsonAsync("/api/findings?type=unregistered&status=open&reveal=true")).EnumerateArray().ToList();
        Assert.Equal(2, open.Count);
        Assert.Equal(north, Assert.Single(open, f => f.GetProperty("idNumber").GetString() == District.NorthLodger).GetProperty("id").GetString());
        var south = Assert.Single(open, f => f.GetProperty("idNumber").GetString() == District.SouthLodger);
        Assert.Equal(new DateTimeOffset(2026, 3, 1, 8, 0, 0, TimeSpan.FromHours(8)), south.GetProperty("since").GetDateTimeOffset());
    }

    [Fact]
    public async Task A_state_saved_under_other_district_settings_is_not_used()
    {
        using var data = new TempDirectory();
        var time = new FakeTimeProvider(Now);
        await RunUntilStoppedAsync(data.Path, time);

        // Another zone counts days differently: every stored check-in is read again.
        await using var hub = await StartAsync(data.Path, time, b => b.Configuration["Hub:District:TimeZone"] = "Asia/Urumqi");

        Assert.Equal(4, (await RebuiltAsync(hub)).GetProperty("checkInsRead").GetInt64());
        Assert.Equal(2, (await hub.GetJsonAsync("/api/findings?type=unregistered&status=open")).GetArrayLength());
    }

    [Fact]
    public async Task A_damaged_saved_state_is_passed_over_for_the_store()
    {
        using var data = new TempDirectory();
        var time = new FakeTimeProvider(Now);
        await RunUntilStoppedAsync(data.Path, time);
        using (var database = TestHubDatabase.Open(data.Path))
        {
            var pieces = database.Database.GetCollection(EngineStateStore.CollectionName);
            var piece = Assert.Single(pieces.FindAll());
            piece["data"] = piece["data"].AsBinary[..(piece["data"].AsBinary.Length - 5)];
            pieces.Update(piece);
        }

        await using var hub = await StartAsync(data.Path, time);

        Assert.Equal(4, (await RebuiltAsync(hub)).GetProperty("checkInsRead").GetInt64());
        Assert.Equal(2, (await hub.GetJsonAsync("/api/findings?type=unregistered&status=open")).GetArrayLength());
    }

    [Fact]
    public async Task When_too_much_was_stored_since_the_saved_state_the_whole_store_is_read()
    {
        using var data = new TempDirectory();
        var time = new FakeTimeProvider(Now);
        await RunUntilStoppedAsync(data.Path, time);

        // As if an agent had delivered a large backlog after the last save (its ledger is what a restart reads by).
        using (var database = TestHubDatabase.Open(data.Path))
        {
            database.Agents.Upsert(new AgentDocument
            {
                Id = "backlog-agent",
                SiteId = "site-b1",
                Received = [new ReceivedRange { From = 1, To = Reconciler.MaxStoredSinceSaved + 1 }],
            });
        }

        await using var hub = await StartAsync(data.Path, time);

        Assert.Equal(4, (await RebuiltAsync(hub)).GetProperty("checkInsRead").GetInt64());
    }

    [Fact]
    public async Task The_state_is_saved_while_the_hub_runs_not_only_when_it_stops()
    {
        using var data = new TempDirectory();
        var time = new FakeTimeProvider(Now);
        await using var hub = await StartAsync(data.Path, time);
        await RebuiltAsync(hub);
        await StoreCheckInsAsync(hub, time, Judged);

        // The saver's interval passes (again, should the saver not have been waiting yet): what the engine has judged
        // since is saved, with the check-ins it covers.
        var saved = hub.Services.GetRequiredService<SavedEngineState>();
        await Eventually.TrueAsync(
            () =>
            {
                time.Advance(EngineStateSaver.Interval);
                return Covers(saved, "north-agent", 2) && Covers(saved, "south-agent", 1);
            },
            "the state saved with the new check-ins");
    }

    private static bool Covers(SavedEngineState saved, string agentId, long seq)
    {
        using var opened = saved.Open();
        return opened?.Header.Applied.ByAgent.GetValueOrDefault(agentId)?.Contains(seq) == true;
    }

    /// <summary>Runs a hub that judges <see cref="Judged"/>, commits <see cref="NotJudged"/>, and stops; the north lodger's finding ID.</summary>
    private static async Task<string> RunUntilStoppedAsync(string dataDirectory, FakeTimeProvider time)
    {
        await using var hub = await StartAsync(dataDirectory, time);
        await RebuiltAsync(hub);
        await StoreCheckInsAsync(hub, time, Judged);
        hub.Services.GetRequiredService<CheckInStore>().Commit(new IngestBatch([NotJudged], [], [], time.GetUtcNow()));

        var open = await hub.GetJsonAsync("/api/findings?type=unregistered&status=open");
        return Assert.Single(open.EnumerateArray()).GetProperty("id").GetString()!;
    }

    private static Task<RunningHub> StartAsync(string dataDirectory, FakeTimeProvider time, Action<WebApplicationBuilder>? configure = null) =>
        RunningHub.StartEmbeddedAsync(dataDirectory, FreeTcpPort.Next(), b =>
        {
            b.Services.AddSingleton<TimeProvider>(time);
            configure?.Invoke(b);
        });

    /// <summary><c>GET /api/health/reconciliation</c> once the rebuild at start is done.</summary>
    private static async Task<JsonElement> RebuiltAsync(RunningHub hub)
    {
        JsonElement status = default;
        await Eventually.TrueAsync(
            async () =>
            {
                using var response = await hub.Http.GetAsync("/api/health/reconciliation");
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
                status = body.RootElement.Clone();
                return status.GetProperty("isCurrent").GetBoolean();
            },
            "the rebuild at start done");
        return status;
    }
}
