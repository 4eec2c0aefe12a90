using GateSync.Agent.Tests.Infrastructure;
using GateSync.Contracts.Wire;
using GateSync.Testing;
using GateSync.Testing.Mqtt;

namespace GateSync.Agent.Tests.Publishing;

public sealed class MqttPublisherTests
{
    [Fact]
    public async Task Every_appended_check_in_arrives_in_seq_order_as_contract_json_and_is_marked_sent()
    {
        await using var broker = await MosquittoBroker.StartAsync();
        await using var hub = await TestSubscriber.ConnectAsync(broker, PublisherRig.CheckInTopic);
        await using var statuses = await TestSubscriber.ConnectAsync(broker, PublisherRig.StatusTopic);
        await using var rig = new PublisherRig(broker, statusIntervalSeconds: 1);
        await rig.Publisher.StartAsync(CancellationToken.None);

        rig.Append(50);

        await Eventually.TrueAsync(() => hub.Messages.Count >= 50, "50 check-ins at the subscriber");
        var checkIns = hub.Messages.Select(m =>
        {
            var validation = CheckInValidator.Validate(m.Topic, m.Payload);
            Assert.True(validation.IsValid, validation.Reason);
            return validation.CheckIn!;
        }).ToList();
        Assert.Equal(Enumerable.Range(1, 50).Select(i => (long)i), checkIns.Select(c => c.Seq));
        Assert.All(checkIns, c => Assert.Equal((PublisherRig.SiteId, PublisherRig.AgentId), (c.SiteId, c.AgentId)));

        await Eventually.TrueAsync(() => rig.Outbox.BacklogCount() == 0, "outbox backlog empty");
        Assert.All(Enumerable.Range(1, 50), seq => Assert.True(rig.Outbox.IsSent(seq)));

        // The periodic status catches up with what was sent.
        await Eventually.TrueAsync(
            () => statuses.Messages.Select(m => Status(m.Payload)).Any(s => s is { State: AgentState.Online, LastSeq: 50, Backlog: 0 }),
            "an online status with lastSeq 50 and no backlog");
        var retained = await RetainedStatusAsync(broker);
        Assert.Equal(AgentState.Online, retained.State);
        Assert.Equal((PublisherRig.SiteId, PublisherRig.AgentId), (retained.SiteId, retained.AgentId));
    }

    [Fact]
    public async Task Check_ins_appended_while_the_broker_is_down_all_arrive_after_it_returns()
    {
        await using var broker = await MosquittoBroker.StartAsync();
        await using var hub = await TestSubscriber.ConnectAsync(broker, PublisherRig.CheckInTopic);
        await using var rig = new PublisherRig(broker);
        await rig.Publisher.StartAsync(CancellationToken.None);
        rig.Append(5);
        await Eventually.TrueAsync(() => rig.Outbox.BacklogCount() == 0, "the first 5 check-ins sent");

        await broker.StopAsync();
        rig.Append(20, firstIndex: 5);
        await Task.Delay(TimeSpan.FromSeconds(1));
        Assert.Equal(20, rig.Outbox.BacklogCount());

        await broker.StartAgainAsync();
        await hub.ReconnectAsync();

        await Eventually.TrueAsync(
            () => SeqsOf(hub).Distinct().Count() == 25,
            "all 25 check-ins at the subscriber",
            diagnostics: () => $"received seqs {string.Join(',', SeqsOf(hub))}; outbox backlog {rig.Outbox.BacklogCount()}\npublisher log:\n{string.Join('\n', rig.Log.Lines)}\nbroker log:\n{broker.RecentOutput()}");
        Assert.Equal(Enumerable.Range(1, 25).Select(i => (long)i), SeqsOf(hub).Distinct());
        await Eventually.TrueAsync(() => rig.Outbox.BacklogCount() == 0, "outbox backlog empty after the broker returned");
    }

    [Fact]
    public async Task A_stopping_agent_leaves_an_offline_status_retained()
    {
        await using var broker = await MosquittoBroker.StartAsync();
        var rig = new PublisherRig(broker);
        await using (rig)
        {
            await rig.Publisher.StartAsync(CancellationToken.None);
            rig.Append(3);
            await Eventually.TrueAsync(() => rig.Outbox.BacklogCount() == 0, "3 check-ins sent");
        }

        var retained = await RetainedStatusAsync(broker);
        Assert.Equal(AgentState.Offline, retained.State);
        Assert.Equal(3, retained.LastSeq);
    }

    private static IEnumerable<long> SeqsOf(TestSubscriber subscriber) =>
        subscriber.Messages.Select(m => CheckInValidator.Validate(m.Topic, m.Payload).CheckIn?.Seq ?? -1);

    private static AgentStatus? Status(byte[] payload) =>
        System.Text.Json.JsonSerializer.Deserialize(payload, ContractJson.Context.AgentStatus);

    /// <summary>What a newcomer (the hub after a restart) sees on the status topic: the retained message.</summary>
    private static async Task<AgentStatus> RetainedStatusAsync(MosquittoBroker broker)
    {
        await using var newcomer = await TestSubscriber.ConnectAsync(broker, PublisherRig.StatusTopic);
        await Eventually.TrueAsync(() => !newcomer.Messages.IsEmpty, "the retained status");
        var message = newcomer.Messages.First();
        Assert.True(message.Retain);
        return Status(message.Payload)!;
    }
}
