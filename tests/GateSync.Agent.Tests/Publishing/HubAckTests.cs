using GateSync.Agent.Tests.Infrastructure;
using GateSync.Contracts.Wire;
using GateSync.Testing;
using GateSync.Testing.Mqtt;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;

namespace GateSync.Agent.Tests.Publishing;

/// <summary>The agent's side of end-to-end delivery, against a real Mosquitto with a test client playing the hub.</summary>
public sealed class HubAckTests
{
    [Fact]
    public async Task The_hub_ack_is_kept_in_the_outbox_and_a_replay_sends_the_range_again()
    {
        await using var broker = await MosquittoBroker.StartAsync();
        await using var hub = await TestSubscriber.ConnectAsync(broker, PublisherRig.CheckInTopic);
        await using var rig = new PublisherRig(broker);
        await rig.Publisher.StartAsync(CancellationToken.None);
        rig.Append(5);
        await Eventually.TrueAsync(() => hub.Messages.Count == 5 && rig.Outbox.BacklogCount() == 0, "5 check-ins sent");
        await WaitUntilSubscribedAsync(rig);

        await PublishAsync(broker, Topics.Ack(PublisherRig.SiteId, PublisherRig.AgentId), ContractJson.Serialize(new Ack(4)));
        await Eventually.TrueAsync(() => rig.Outbox.AckedUpTo == 4, "the ack recorded", diagnostics: () => string.Join('\n', rig.Log.Lines));

        var replay = new AgentCommand { Replay = new SeqRange(2, 3) };
        await PublishAsync(broker, Topics.Command(PublisherRig.SiteId, PublisherRig.AgentId), ContractJson.Serialize(replay));
        await Eventually.TrueAsync(() => hub.Messages.Count == 7, "seq 2 and 3 sent again", diagnostics: () => string.Join('\n', rig.Log.Lines));
        Assert.Equal([1L, 2L, 3L, 4L, 5L, 2L, 3L], hub.Messages.Select(m => CheckInValidator.Validate(m.Topic, m.Payload).CheckIn!.Seq));
    }

    [Fact]
    public async Task Check_ins_the_hub_does_not_ack_in_time_are_sent_again_and_a_malformed_ack_is_ignored()
    {
        await using var broker = await MosquittoBroker.StartAsync();
        await using var hub = await TestSubscriber.ConnectAsync(broker, PublisherRig.CheckInTopic);
        await using var rig = new PublisherRig(broker, ackTimeoutSeconds: 2);
        await rig.Publisher.StartAsync(CancellationToken.None);
        rig.Append(3);
        await Eventually.TrueAsync(() => hub.Messages.Count >= 3, "3 check-ins sent");
        await WaitUntilSubscribedAsync(rig);
        await PublishAsync(broker, Topics.Ack(PublisherRig.SiteId, PublisherRig.AgentId), "{\"upTo\": \"lots\"}"u8.ToArray());
        await PublishAsync(broker, Topics.Ack(PublisherRig.SiteId, PublisherRig.AgentId), ContractJson.Serialize(new Ack(1)));

        await Eventually.TrueAsync(
            () => hub.Messages.Count(m => CheckInValidator.Validate(m.Topic, m.Payload).CheckIn!.Seq == 3) >= 2,
            "seq 3 sent again after the ack timeout",
            diagnostics: () => string.Join('\n', rig.Log.Lines));
        Assert.Equal(1, rig.Outbox.AckedUpTo);
        Assert.Contains(rig.Log.Lines, line => line.Contains("malformed", StringComparison.Ordinal));
        Assert.DoesNotContain(hub.Messages.Skip(3), m => CheckInValidator.Validate(m.Topic, m.Payload).CheckIn!.Seq == 1);
    }

    /// <summary>The publisher subscribes right after connecting; the status it publishes next shows it got that far.</summary>
    private static Task WaitUntilSubscribedAsync(PublisherRig rig) =>
        Eventually.TrueAsync(() => rig.Log.Lines.Any(l => l.Contains("Connected to broker", StringComparison.Ordinal)), "publisher connected");

    private static async Task PublishAsync(MosquittoBroker broker, string topic, byte[] payload)
    {
        using var client = new MqttClientFactory().CreateMqttClient();
        await client.ConnectAsync(new MqttClientOptionsBuilder()
            .WithTcpServer(broker.Host, broker.Port)
            .WithProtocolVersion(MqttProtocolVersion.V500)
            .WithClientId("test-hub-" + Guid.NewGuid().ToString("N")[..8])
            .Build());
        await client.PublishAsync(new MqttApplicationMessageBuilder()
            .WithTopic(topic)
            .WithPayload(payload)
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
            .Build());
        await client.DisconnectAsync();
    }
}
