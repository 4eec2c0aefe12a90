using System.Text.Json;
using GateSync.Contracts.Wire;
using GateSync.Hub.Tests.HubApi;
using GateSync.Hub.Tests.Reconciliation;
using GateSync.Hub.Tests.Support;
using GateSync.Testing;
using GateSync.Testing.Mqtt;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace GateSync.Hub.Tests.EndToEnd;

/// <summary>
/// The hub as a district runs it: the roll imported as CSV over HTTP, check-ins published by agents through a
/// real Mosquitto to the hub in External mode, findings and reports read back over HTTP. The hub's clock is a
/// <see cref="FakeTimeProvider"/>, and the check-ins carry occurredAt in its past.
/// </summary>
public sealed class ReconciliationEndToEndTests
{
    private static readonly TimeSpan Shanghai = TimeSpan.FromHours(8);

    private static readonly string Mover = TestPeople.Make("110105", "19880808", 11);
    private static readonly string Newcomer = TestPeople.Make("410102", "19990909", 12);
    private static readonly string Visitor = TestPeople.Make("410102", "19700101", 13);
    private static readonly string Local = TestPeople.Local(14);

    [Fact]
    public async Task Imported_roll_and_published_check_ins_give_moved_and_unregistered_findings_and_the_reports()
    {
        await using var mosquitto = await MosquittoBroker.StartAsync();
        using var data = new TempDirectory();
        var time = new FakeTimeProvider(March(10, 12));
        await using var hub = await RunningHub.StartExternalAsync(
            data.Path, mosquitto.Port, "gatesync-hub-e2e-" + Guid.NewGuid().ToString("N")[..8],
            builder => builder.Services.AddSingleton<TimeProvider>(time));

        await hub.ImportAsync("sites", District.Sites);
        await hub.ImportAsync("communities", District.Communities);
        var registrations = await hub.ImportAsync("registrations", District.Registration(Mover, "site-n1"));
        Assert.Equal(1, registrations.GetProperty("imported").GetInt32());

        await using (var northAgent = await Publisher.ConnectAsync(mosquitto.Port, "agent-n1"))
        {
            await PublishAsync(northAgent, "site-n1", "n1-agent", 1, Mover, March(1, 8));
        }

        await Eventually.EqualAsync(1L, () => hub.CountAsync("?agentId=n1-agent"), "the mover's check-in at home stored");

        await using (var southAgent = await Publisher.ConnectAsync(mosquitto.Port, "agent-s1"))
        {
            long seq = 0;
            await PublishAsync(southAgent, "site-s1", "s1-agent", ++seq, Newcomer, March(8, 19));
            await PublishAsync(southAgent, "site-s1", "s1-agent", ++seq, Newcomer, March(9, 7));
            await PublishAsync(southAgent, "site-s1", "s1-agent", ++seq, Visitor, March(9, 10));
            await PublishAsync(southAgent, "site-s1", "s1-agent", ++seq, Local, March(3, 8));
            await PublishAsync(southAgent, "site-s1", "s1-agent", ++seq, Local, March(4, 8));
            await PublishAsync(southAgent, "site-s1", "s1-agent", ++seq, Mover, March(3, 20));
            await PublishAsync(southAgent, "site-s1", "s1-agent", ++seq, Mover, March(4, 20));
        }

        // The mover lived at site-s1 from 3 March, past the 3-day grace, and was not seen at home since.
        var moved = await SingleFindingAsync(hub, "type=moved&reveal=true", "the moved finding");
        Assert.Equal(Mover, moved.GetProperty("idNumber").GetString());
        Assert.Equal("site-s1", moved.GetProperty("siteId").GetString());
        Assert.Equal("south", moved.GetProperty("station").GetString());
        Assert.Equal(March(3, 20), moved.GetProperty("since").GetDateTimeOffset());

        // The newcomer's grace runs until 11 March 19:00: nothing yet, and never anything for the visitor or the local.
        Assert.Empty((await hub.GetJsonAsync("/api/findings?type=unregistered")).EnumerateArray());

        time.SetUtcNow(March(11, 19, 1));
        var unregistered = await SingleFindingAsync(hub, "type=unregistered&reveal=true", "the unregistered finding, raised by the timer");
        Assert.Equal(Newcomer, unregistered.GetProperty("idNumber").GetString());
        Assert.Equal("site-s1", unregistered.GetProperty("siteId").GetString());
        Assert.Equal("south-c1", unregistered.GetProperty("community").GetString());
        Assert.Equal(March(8, 19), unregistered.GetProperty("since").GetDateTimeOffset());
        Assert.Equal(2, (await hub.GetJsonAsync("/api/findings?status=open")).GetArrayLength());

        // The mover is registered (at site-n1) but counts where last present: site-s1, community south-c1.
        var demographics = await hub.GetJsonAsync("/api/reports/demographics");
        Assert.Equal(2, demographics.GetProperty("floatingPopulation").GetInt32());
        Assert.Equal(1, demographics.GetProperty("registered").GetInt32());
        Assert.Equal(1, demographics.GetProperty("unregistered").GetInt32());
        Assert.Equal(2, demographics.GetProperty("origin").GetProperty("otherProvince").GetInt32());
        Assert.Equal(0, (await hub.GetJsonAsync("/api/reports/demographics?station=north")).GetProperty("floatingPopulation").GetInt32());

        var staffing = (await hub.GetJsonAsync("/api/reports/staffing")).EnumerateArray().ToList();
        var south = staffing.Single(l => l.GetProperty("community").GetString() == "south-c1");
        Assert.Equal(2, south.GetProperty("floatingPopulation").GetInt32());
        Assert.Equal(1, south.GetProperty("needed").GetInt32());
        Assert.Equal(0, south.GetProperty("shortfall").GetInt32());
        Assert.Equal(0, staffing.Single(l => l.GetProperty("community").GetString() == "north-c1").GetProperty("needed").GetInt32());

        // Updating the registration to where the mover lives resolves the moved finding.
        await hub.ImportAsync("registrations", District.Registration(Mover, "site-s1"));
        var resolved = Assert.Single((await hub.GetJsonAsync("/api/findings?type=moved")).EnumerateArray());
        Assert.Equal("resolved", resolved.GetProperty("status").GetString());
        Assert.Equal("registrationMovedHere", resolved.GetProperty("resolution").GetString());
    }

    private static DateTimeOffset March(int day, int hour, int minute = 0) => new(2026, 3, day, hour, minute, 0, Shanghai);

    private static Task PublishAsync(Publisher agent, string siteId, string agentId, long seq, string idNumber, DateTimeOffset at) =>
        agent.PublishAsync(
            Topics.CheckIn(siteId, agentId),
            ContractJson.Serialize(CheckIns.Create(siteId, agentId, seq, idNumber) with { OccurredAt = at }));

    private static async Task<JsonElement> SingleFindingAsync(RunningHub hub, string query, string what)
    {
        JsonElement findings = default;
        await Eventually.TrueAsync(
            async () => (findings = await hub.GetJsonAsync($"/api/findings?{query}")).GetArrayLength() == 1,
            what);
        return findings[0];
    }
}
