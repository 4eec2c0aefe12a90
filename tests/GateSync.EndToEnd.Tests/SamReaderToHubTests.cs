using System.Buffers;
using System.Text;
using System.Text.Json;
using GateSync.EndToEnd.Tests.Infrastructure;
using GateSync.Testing;
using GateSync.Testing.Mqtt;
using GateSync.Testing.Sam;
using MQTTnet;

namespace GateSync.EndToEnd.Tests;

/// <summary>
/// The whole path of one swipe with real parts: a SAM reader emulator on a socat pty pair, the agent
/// program, a real Mosquitto and the hub program.
/// </summary>
public sealed class SamReaderToHubTests
{
    [Fact]
    public async Task A_card_at_a_SAM_reader_reaches_the_hub_with_its_decoded_data()
    {
        await using var broker = await MosquittoBroker.StartAsync();
        await using var hub = await HubProcess.StartExternalAsync(broker.Host, broker.Port);
        using var observer = await WireObserver.StartAsync(broker, "gatesync/v1/fr-0042/+/checkin");
        using var pty = await SocatPtyPair.StartAsync();
        await using var reader = SamReaderEmulator.Open(pty.DeviceSide);
        await using var agent = AgentProcess.Start(
            "fr-0042", "fr-0042-a", broker.Host, broker.Port,
            "0:ReaderId=gate-1", "0:Kind=Sam", $"0:Port={pty.AgentSide}", "0:Direction=In", "0:PollIntervalMilliseconds=100");
        string Diagnostics() => string.Join(Environment.NewLine, agent.RecentOutput(), hub.RecentOutput(), broker.RecentOutput());

        reader.PlaceCard(TestCards.HenanWorker);

        await Eventually.ReachesAsync(() => hub.CheckInCountAsync(agentId: "fr-0042-a"), n => n == 1, "the swiped card stored as a check-in", TimeSpan.FromSeconds(90), Diagnostics);
        var stored = (await hub.AgentsAsync()).EnumerateArray().Single();
        Assert.Equal(1, stored.GetProperty("lastSeq").GetInt64());
        Assert.Empty(stored.GetProperty("missing").EnumerateArray());

        // What crossed the wire is the card as decoded from the SAM's UCS-2 text block, and nothing more.
        var checkIn = Assert.Single(observer.Messages);
        var card = checkIn.GetProperty("card");
        var expected = TestCards.HenanWorker;
        Assert.Equal(1, checkIn.GetProperty("seq").GetInt64());
        Assert.Equal("in", checkIn.GetProperty("direction").GetString());
        Assert.Equal("resident", card.GetProperty("type").GetString());
        Assert.Equal(expected.IdNumber, card.GetProperty("idNumber").GetString());
        Assert.Equal(expected.Name, card.GetProperty("name").GetString());
        Assert.Equal("male", card.GetProperty("gender").GetString());
        Assert.Equal("1996-11-02", card.GetProperty("birthDate").GetString());
        Assert.Equal(expected.Address, card.GetProperty("address").GetString());
        Assert.Equal(expected.Issuer, card.GetProperty("issuer").GetString());
        Assert.Equal("2028-01-09", card.GetProperty("validTo").GetString());
        Assert.DoesNotContain(card.EnumerateObject(), p => p.Name is "nation" or "ethnicity" or "photo" or "fingerprint");

        // The card stays on the reader: still one swipe.
        await Task.Delay(TimeSpan.FromSeconds(2));
        Assert.Equal(1, await hub.CheckInCountAsync(agentId: "fr-0042-a"));
    }

    /// <summary>A bystander subscriber that records the check-ins crossing the broker.</summary>
    private sealed class WireObserver : IDisposable
    {
        private readonly IMqttClient _client;
        private readonly List<JsonElement> _messages = [];

        private WireObserver(IMqttClient client) => _client = client;

        public IReadOnlyList<JsonElement> Messages
        {
            get
            {
                lock (_messages)
                {
                    return [.. _messages];
                }
            }
        }

        public static async Task<WireObserver> StartAsync(MosquittoBroker broker, string topic)
        {
            var client = new MqttClientFactory().CreateMqttClient();
            var observer = new WireObserver(client);
            client.ApplicationMessageReceivedAsync += e =>
            {
                var json = Encoding.UTF8.GetString(e.ApplicationMessage.Payload.ToArray());
                lock (observer._messages)
                {
                    observer._messages.Add(JsonDocument.Parse(json).RootElement.Clone());
                }

                return Task.CompletedTask;
            };
            await client.ConnectAsync(new MqttClientOptionsBuilder().WithTcpServer(broker.Host, broker.Port).WithClientId("e2e-observer").Build());
            await client.SubscribeAsync(new MqttClientSubscribeOptionsBuilder().WithTopicFilter(topic, MQTTnet.Protocol.MqttQualityOfServiceLevel.AtLeastOnce).Build());
            return observer;
        }

        public void Dispose() => _client.Dispose();
    }
}
