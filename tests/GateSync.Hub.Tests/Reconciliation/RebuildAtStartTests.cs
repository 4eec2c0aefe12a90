using System.Net;
using System.Text.Json;
using GateSync.Contracts.Wire;
using GateSync.Hub.Reconciliation;
using GateSync.Hub.Storage;
using GateSync.Hub.Tests.HubApi;
using GateSync.Hub.Tests.Support;
using GateSync.Testing;
using GateSync.Testing.Processes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace GateSync.Hub.Tests.Reconciliation;

/// <summary>
/// The rebuild at start runs behind a hub that already serves: on a real LiteDB file holding many check-ins (locals, who
/// raise nothing) with two lodgers among them. The rebuild is held as it begins (its log event 602) until the test has
/// made its first requests: on a loaded machine even a long read once finished before them.
/// </summary>
public sealed class RebuildAtStartTests
{
    private const int Filler = 100_000;

    /// <summary>"Reconciliation rebuild started: reading every stored check-in".</summary>
    private const int RebuildStarted = 602;

    [Fact]
    public async Task Hub_serves_during_the_rebuild_at_start_and_findings_follow_once_it_is_done()
    {
        using var data = new TempDirectory();
        var time = new FakeTimeProvider(ReconciliationHubFixture.Now);
        var southFirstDay = ReconciliationHubFixture.Lodge(District.SouthLodger, "site-s1", "south-agent", 1, day: 1);
        Seed(data.Path, time, [
            ReconciliationHubFixture.Lodge(District.NorthLodger, "site-n1", "north-agent", 1, day: 1),
            ReconciliationHubFixture.Lodge(District.NorthLodger, "site-n1", "north-agent", 2, day: 2),
            southFirstDay]);

        using var hold = new HoldingLoggerProvider(RebuildStarted);
        await using var hub = await RunningHub.StartEmbeddedAsync(data.Path, FreeTcpPort.Next(), b =>
        {
            b.Services.AddSingleton<TimeProvider>(time);
            b.Logging.AddProvider(hold);
            b.Logging.AddFilter<HoldingLoggerProvider>(typeof(Reconciler).FullName, LogLevel.Information);
        });

        // Served at once (health 200: ingest is ready), and the engine is said to be rebuilding...
        var health = await ReconciliationAsync(hub);
        Assert.False(health.GetProperty("isCurrent").GetBoolean(), $"rebuilt before the first request: {health}");
        Assert.Contains(health.GetProperty("state").GetString(), (string[])["pending", "rebuilding"]);

        // ...stored findings (none yet) are served and marked, reports computed from the engine are refused for now.
        using (var findings = await hub.CallAsync(HttpMethod.Get, "/api/findings"))
        {
            Assert.Equal(HttpStatusCode.OK, findings.StatusCode);
            Assert.Equal("rebuilding", Assert.Single(findings.Headers.GetValues(RebuildingReads.Header)));
        }

        using (var report = await hub.CallAsync(HttpMethod.Get, "/api/reports/demographics"))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, report.StatusCode);
            Assert.InRange(report.Headers.RetryAfter?.Delta?.TotalSeconds ?? 0, 1, 60);
        }

        // Meanwhile ingest commits the south lodger's second day, and hands the batch on as it does every batch; and
        // a batch the rebuild also reads from the store (committed before it) reaches the engine a second time.
        var secondDay = new IngestBatch([ReconciliationHubFixture.Lodge(District.SouthLodger, "site-s1", "south-agent", 2, day: 3)], [], [], time.GetUtcNow());
        hub.Services.GetRequiredService<CheckInStore>().Commit(secondDay);
        var feed = hub.Services.GetRequiredService<ReconciliationFeed>();
        feed.Committed(secondDay);
        feed.Committed(new IngestBatch([southFirstDay], [], [], time.GetUtcNow()));
        hold.Release();

        await Eventually.TrueAsync(async () => (await ReconciliationAsync(hub)).GetProperty("isCurrent").GetBoolean(), "the rebuild done");

        // What was stored before the start, and the second day, committed before the rebuild read.
        Assert.Equal(Filler + 4, (await ReconciliationAsync(hub)).GetProperty("checkInsRead").GetInt64());

        // One finding per lodger: the north one from the store alone, the south one needing the check-in stored meanwhile.
        await Eventually.EqualAsync(2, async () => (await hub.GetJsonAsync("/api/findings?type=unregistered&status=open")).GetArrayLength(), "both lodgers found");
        var south = Assert.Single((await hub.GetJsonAsync("/api/findings?reveal=true")).EnumerateArray(), f => f.GetProperty("idNumber").GetString() == District.SouthLodger);
        Assert.Equal(new DateTimeOffset(2026, 3, 1, 8, 0, 0, TimeSpan.FromHours(8)), south.GetProperty("since").GetDateTimeOffset());

        using (var findings = await hub.CallAsync(HttpMethod.Get, "/api/findings"))
        {
            Assert.False(findings.Headers.Contains(RebuildingReads.Header));
        }

        // Each person counted once, whichever way their check-ins reached the engine.
        var demographics = await hub.GetJsonAsync("/api/reports/demographics");
        Assert.Equal(2, demographics.GetProperty("floatingPopulation").GetInt32());
        Assert.Equal("ready", (await ReconciliationAsync(hub)).GetProperty("state").GetString());
    }

    /// <summary><c>GET /api/health/reconciliation</c>, which needs no token.</summary>
    private static async Task<JsonElement> ReconciliationAsync(RunningHub hub)
    {
        using var response = await hub.Http.GetAsync("/api/health/reconciliation");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return body.RootElement.Clone();
    }

    /// <summary>Writes the lodgers' check-ins among <see cref="Filler"/> locals' into a hub store, as ingest would.</summary>
    private static void Seed(string dataDirectory, TimeProvider time, IReadOnlyList<CheckIn> lodgers)
    {
        using var database = TestHubDatabase.Open(dataDirectory);
        var store = new CheckInStore(database, NullLogger<CheckInStore>.Instance);
        store.Commit(new IngestBatch(lodgers, [], [], time.GetUtcNow()));

        // The locals straight into the collection, as ingest writes them (no ledger: nothing asks about their agent).
        var checkIns = Enumerable.Range(1, Filler).Select(seq => CheckInBson.From(CheckInDocument.From(
            ReconciliationHubFixture.Lodge(TestPeople.Local(seq % 500), $"site-n{1 + (seq % 2)}", "busy-agent", seq, day: 1 + (seq % 9)),
            time.GetUtcNow())));
        database.CheckInDocuments.InsertBulk(checkIns, batchSize: 20_000);
    }
}
