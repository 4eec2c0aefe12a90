using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using GateSync.Contracts.Wire;
using GateSync.Hub.Storage;
using GateSync.Hub.Tests.Support;
using GateSync.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace GateSync.Hub.Tests.Ingest;

/// <summary>The real hub over real HTTP and a real MQTT publisher, through its embedded broker.</summary>
public sealed class EmbeddedHubIngestTests(EmbeddedHubFixture fixture) : IClassFixture<EmbeddedHubFixture>
{
    private const string Site = "fr-0042";

    private RunningHub Hub => fixture.Hub;

    [Fact]
    public async Task Health_is_ok_once_the_store_is_open_and_ingest_is_subscribed()
    {
        using var response = await Hub.Http.GetAsync("/api/health");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("""{"status":"ok"}""", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_check_in_published_twice_is_counted_once()
    {
        const string agent = "dup-agent";
        await using var publisher = await Publisher.ConnectAsync(fixture.MqttPort, "agent-" + agent);

        await publisher.PublishCheckInAsync(Site, agent, 1);
        await publisher.PublishCheckInAsync(Site, agent, 2);
        await publisher.PublishCheckInAsync(Site, agent, 2);
        await publisher.PublishCheckInAsync(Site, agent, 1);
        await publisher.PublishCheckInAsync(Site, agent, 3);

        await Eventually.EqualAsync(3L, () => Hub.CountAsync($"?agentId={agent}"), "stored check-ins of the agent");
        await Eventually.EqualAsync(3L, async () => (await Hub.AgentAsync(agent))?.GetProperty("storedCount").GetInt64() ?? -1, "storedCount");
        Assert.Equal(3L, await Hub.CountAsync($"?siteId={Site}&agentId={agent}"));
        var stored = Hub.Services.GetRequiredService<HubDatabase>().Agents.FindById(agent);
        Assert.Equal(2, stored.DuplicateCount);
    }

    [Fact]
    public async Task A_gap_shows_as_missing_and_closes_when_the_late_check_in_arrives()
    {
        const string agent = "gap-agent";
        await using var publisher = await Publisher.ConnectAsync(fixture.MqttPort, "agent-" + agent);
        foreach (var seq in new long[] { 1, 2, 4, 5, 8 })
        {
            await publisher.PublishCheckInAsync(Site, agent, seq);
        }

        await Eventually.EqualAsync("[[3,3],[6,7]]", () => Hub.MissingAsync(agent), "missing ranges with gaps");
        var agentJson = (await Hub.AgentAsync(agent))!.Value;
        Assert.Equal(8, agentJson.GetProperty("lastSeq").GetInt64());
        Assert.Equal(5, agentJson.GetProperty("storedCount").GetInt64());
        Assert.Equal(Site, agentJson.GetProperty("siteId").GetString());

        await publisher.PublishCheckInAsync(Site, agent, 3);
        await publisher.PublishCheckInAsync(Site, agent, 7);
        await publisher.PublishCheckInAsync(Site, agent, 6);

        await Eventually.EqualAsync("[]", () => Hub.MissingAsync(agent), "missing after the late check-ins");
        Assert.Equal(8L, await Hub.CountAsync($"?agentId={agent}"));
    }

    [Fact]
    public async Task Malformed_mismatched_and_bad_check_character_messages_are_rejected_not_counted_and_the_hub_keeps_serving()
    {
        const string agent = "bad-agent";
        var rejectedBefore = Hub.RejectedCount();
        await using var publisher = await Publisher.ConnectAsync(fixture.MqttPort, "agent-" + agent);
        var topic = Topics.CheckIn(Site, agent);

        await publisher.PublishAsync(topic, Encoding.UTF8.GetBytes("{not json"));
        var mismatched = ContractJson.Serialize(CheckIns.Create(Site, "someone-else", 1));
        await publisher.PublishAsync(topic, mismatched);
        var badCheck = ContractJson.Serialize(CheckIns.Create(Site, agent, 2, CheckIns.IdNumberWithBadCheck(2)));
        await publisher.PublishAsync(topic, badCheck);
        await publisher.PublishCheckInAsync(Site, agent, 3);

        await Eventually.EqualAsync(1L, () => Hub.CountAsync($"?agentId={agent}"), "only the valid check-in is stored");
        await Eventually.EqualAsync(rejectedBefore + 3, () => Task.FromResult(Hub.RejectedCount()), "rejected messages");
        Assert.Equal(0L, await Hub.CountAsync("?agentId=someone-else"));

        var rejected = Hub.Services.GetRequiredService<HubDatabase>().Rejected.Find(r => r.Topic == topic).ToList();
        Assert.Equal(
            [nameof(RejectionKind.BadJson), nameof(RejectionKind.TopicMismatch), nameof(RejectionKind.BadIdNumber)],
            rejected.OrderBy(r => r.Id).Select(r => r.Kind));
        Assert.All(rejected, r => Assert.False(string.IsNullOrEmpty(r.Reason)));
        Assert.Equal("{not json", rejected.OrderBy(r => r.Id).First().Payload);

        using var health = await Hub.Http.GetAsync("/api/health");
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
    }

    [Fact]
    public async Task A_stored_check_in_keeps_the_normalised_card_fields_and_the_local_offset()
    {
        const string agent = "doc-agent";
        await using var publisher = await Publisher.ConnectAsync(fixture.MqttPort, "agent-" + agent);
        var checkIn = CheckIns.Create(Site, agent, 1);
        var json = JsonNode.Parse(ContractJson.Serialize(checkIn))!;
        json["card"]!["idNumber"] = checkIn.Card.IdNumber.ToLowerInvariant();
        await publisher.PublishAsync(Topics.CheckIn(Site, agent), Encoding.UTF8.GetBytes(json.ToJsonString()));

        await Eventually.EqualAsync(1L, () => Hub.CountAsync($"?agentId={agent}"), "stored");
        var stored = Hub.Services.GetRequiredService<HubDatabase>().CheckIns.FindById(CheckInDocument.KeyOf(agent, 1));

        Assert.Equal(checkIn.Card.IdNumber.ToUpperInvariant(), stored.IdNumber);
        Assert.Equal(checkIn.Card.Name, stored.Name);
        Assert.Equal(checkIn.Card.BirthDate, stored.BirthDate);
        Assert.Null(stored.ValidTo);
        Assert.Equal(checkIn.Card.ValidFrom, stored.ValidFrom);
        Assert.Equal(checkIn.OccurredAt.UtcDateTime, stored.OccurredAt.UtcDateTime);
        Assert.Equal(480, stored.OccurredAtOffsetMinutes);
        Assert.Equal(Direction.In, stored.Direction);
        Assert.Equal(AccessDecision.Granted, stored.Access);
    }

    [Fact]
    public async Task A_status_sets_the_agent_online_its_will_sets_it_offline_and_an_older_status_changes_nothing()
    {
        const string agent = "status-agent";
        await using var publisher = await Publisher.ConnectAsync(fixture.MqttPort, "agent-" + agent);
        var at = new DateTimeOffset(2026, 11, 24, 8, 0, 0, TimeSpan.FromHours(8));
        var topic = Topics.Status(Site, agent);

        await publisher.PublishAsync(topic, Status(agent, AgentState.Online, at), retain: true);
        await Eventually.EqualAsync(true, async () => (await Hub.AgentAsync(agent))?.GetProperty("online").GetBoolean() ?? false, "online");

        await publisher.PublishAsync(topic, Status(agent, AgentState.Offline, at.AddMinutes(5)), retain: true);
        await Eventually.EqualAsync(false, async () => (await Hub.AgentAsync(agent))?.GetProperty("online").GetBoolean() ?? true, "offline");

        await publisher.PublishAsync(topic, Status(agent, AgentState.Online, at.AddMinutes(1)), retain: true);
        await publisher.PublishCheckInAsync(Site, agent, 1);
        await Eventually.EqualAsync(1L, () => Hub.CountAsync($"?agentId={agent}"), "check-in after the stale status");
        Assert.False((await Hub.AgentAsync(agent))!.Value.GetProperty("online").GetBoolean());
    }

    [Fact]
    public async Task Thousands_of_check_ins_from_several_agents_at_once_are_all_stored()
    {
        const int agents = 4;
        const int perAgent = 1500;
        var publishers = Enumerable.Range(1, agents).Select(async a =>
        {
            var agent = $"load-agent-{a}";
            await using var publisher = await Publisher.ConnectAsync(fixture.MqttPort, "agent-" + agent);
            for (var seq = 1; seq <= perAgent; seq++)
            {
                await publisher.PublishCheckInAsync(Site, agent, seq);
            }
        });
        await Task.WhenAll(publishers);

        for (var a = 1; a <= agents; a++)
        {
            var agent = $"load-agent-{a}";
            await Eventually.EqualAsync((long)perAgent, () => Hub.CountAsync($"?agentId={agent}"), $"check-ins of {agent}");
            Assert.Equal("[]", await Hub.MissingAsync(agent));
        }
    }

    [Fact]
    public async Task A_tool_connecting_without_a_client_id_gets_one_assigned_and_can_publish()
    {
        const string agent = "nameless-agent";
        await using var publisher = await Publisher.ConnectAsync(fixture.MqttPort, clientId: string.Empty);

        await publisher.PublishCheckInAsync(Site, agent, 1);

        await Eventually.EqualAsync(1L, () => Hub.CountAsync($"?agentId={agent}"), "check-in from a client without an ID");
    }

    private static byte[] Status(string agent, AgentState state, DateTimeOffset at) =>
        ContractJson.Serialize(new AgentStatus { AgentId = agent, SiteId = Site, State = state, At = at, LastSeq = 0 });
}
