using System.Text.Json;
using GateSync.Contracts.Wire;
using GateSync.Hub.Tests.Agents;
using GateSync.Hub.Tests.Support;
using GateSync.Testing;
using GateSync.Testing.Processes;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;

namespace GateSync.Hub.Tests.Delivery;

/// <summary>The hub's side of end-to-end delivery on its embedded broker: acks after the commit, replay requests for gaps.</summary>
public sealed class DeliveryTests : IAsyncLifetime
{
    private const string Site = "fr-0042";
    private const string AgentId = "fr-0042-a";

    private readonly TempDirectory _data = new();
    private readonly int _port = FreeTcpPort.Next();
    private RunningHub _hub = null!;

    public async Task InitializeAsync() =>
        _hub = await RunningHub.StartEmbeddedAsync(_data.Path, _port, Fast, requireAuthentication: true);

    public async Task DisposeAsync()
    {
        await _hub.DisposeAsync();
        _data.Dispose();
    }

    [Fact]
    public async Task The_hub_acks_the_unbroken_run_of_stored_check_ins_and_asks_for_a_gap_that_persists()
    {
        var (username, password) = await AgentClient.RegisterAsync(_hub, Site, AgentId);
        await using var agent = await AgentClient.ConnectAsync(_port, username, password);
        await agent.SubscribeAsync(Topics.Ack(Site, AgentId));
        await agent.SubscribeAsync(Topics.Command(Site, AgentId));

        foreach (var seq in new long[] { 1, 2, 3, 5 })
        {
            await agent.PublishAsync(Topics.CheckIn(Site, AgentId), CheckIns.Payload(Site, AgentId, seq));
        }

        await Eventually.TrueAsync(() => Task.FromResult(Acks(agent).Contains(3)), "ack upTo 3");
        await Eventually.TrueAsync(() => Task.FromResult(Replays(agent).Contains((4, 4))), "replay of seq 4");
        Assert.DoesNotContain(Acks(agent), upTo => upTo > 3);

        await agent.PublishAsync(Topics.CheckIn(Site, AgentId), CheckIns.Payload(Site, AgentId, 4));
        await Eventually.TrueAsync(() => Task.FromResult(Acks(agent).Contains(5)), "ack upTo 5 once the gap is filled");
    }

    [Fact]
    public async Task A_check_in_sent_again_after_its_ack_is_stored_once_and_acked_again()
    {
        var (username, password) = await AgentClient.RegisterAsync(_hub, Site, AgentId);
        await using var agent = await AgentClient.ConnectAsync(_port, username, password);
        await agent.SubscribeAsync(Topics.Ack(Site, AgentId));
        await agent.PublishAsync(Topics.CheckIn(Site, AgentId), CheckIns.Payload(Site, AgentId, 1));
        await Eventually.TrueAsync(() => Task.FromResult(Acks(agent).Count == 1), "first ack");

        // The agent missed that ack (it was offline) and sends seq 1 again after its timeout.
        await agent.PublishAsync(Topics.CheckIn(Site, AgentId), CheckIns.Payload(Site, AgentId, 1));

        await Eventually.TrueAsync(() => Task.FromResult(Acks(agent).Count == 2), "the ack repeated");
        Assert.Equal(1L, await _hub.CountAsync());
    }

    private static void Fast(WebApplicationBuilder builder) =>
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Hub:Delivery:GapReplayAfterSeconds"] = "1",
            ["Hub:Delivery:ReplayIntervalSeconds"] = "1",
            ["Hub:Delivery:GapScanIntervalSeconds"] = "1",
        });

    private static List<long> Acks(AgentClient agent) =>
        [.. agent.Received.Where(m => m.Topic.EndsWith("/ack", StringComparison.Ordinal))
            .Select(m => JsonDocument.Parse(m.Payload).RootElement.GetProperty("upTo").GetInt64())];

    private static List<(long, long)> Replays(AgentClient agent) =>
        [.. agent.Received.Where(m => m.Topic.EndsWith("/cmd", StringComparison.Ordinal))
            .Select(m => JsonDocument.Parse(m.Payload).RootElement.GetProperty("replay"))
            .Select(r => (r.GetProperty("from").GetInt64(), r.GetProperty("to").GetInt64()))];
}
