using System.Buffers;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using GateSync.Contracts.Identity;
using GateSync.EndToEnd.Tests.Infrastructure;
using GateSync.Testing;
using GateSync.Testing.Mqtt;
using GateSync.Testing.Sam;
using MQTTnet;
using MQTTnet.Protocol;

namespace GateSync.EndToEnd.Tests.Residents;

/// <summary>
/// Issue 5's <c>residentsOnly</c> door with real parts: registrations imported at the hub reach the agent as a residents
/// list on its <c>cmd</c> topic, the agent decides at the door itself, and keeps deciding from its cached list after a
/// restart with the hub and the broker gone.
/// </summary>
public sealed class ResidentsOnlyDoorTests
{
    private const string SiteId = "fr-0042";
    private const string AgentId = "fr-0042-a";

    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task A_registered_resident_is_let_in_and_a_stranger_is_not_also_after_a_restart_without_the_hub()
    {
        var resident = TestCards.HenanWorker;
        var stranger = TestCards.FengrunLocal;
        await using var broker = await MosquittoBroker.StartAsync();
        var hub = await HubProcess.StartExternalAsync(broker.Host, broker.Port);
        using var readerPty = await SocatPtyPair.StartAsync();
        using var relayPty = await SocatPtyPair.StartAsync();
        await using var reader = SamReaderEmulator.Open(readerPty.DeviceSide);
        AgentProcess? agent = null;
        var hubRunning = true;
        string Diagnostics() => string.Join(Environment.NewLine, agent?.RecentOutput(), hub.RecentOutput(), broker.RecentOutput());
        try
        {
            await ImportAsync(hub, "communities", "community,station,area,coManagers\nnorth-c1,north,urban,0\n");
            await ImportAsync(hub, "sites", $"siteId,name,kind,address,community,station,area,operator,operatorPhone\n{SiteId},北苑1号,rental,,north-c1,north,urban,王房东,13800000001\n");
            await ImportAsync(hub, "registrations", $"idNumber,name,siteId,registeredOn,validUntil,occupation,education,status\n{resident.IdNumber},{resident.Name},{SiteId},2026-01-05,,工人,初中,active\n");
            using var observer = await CheckInObserver.StartAsync(broker);

            agent = AgentProcess.StartWith(
                SiteId, AgentId, broker.Host, broker.Port,
                [
                    "--Agent:Doors:0:DoorId=front", "--Agent:Doors:0:ReaderIds:0=gate-1", "--Agent:Doors:0:Policy=ResidentsOnly",
                    $"--Agent:Doors:0:RelayPort={relayPty.AgentSide}", "--Agent:Doors:0:HoldOpenMilliseconds=200",
                    "--Agent:Publishing:AckTimeoutSeconds=5",
                ],
                "0:ReaderId=gate-1", "0:Kind=Sam", $"0:Port={readerPty.AgentSide}", "0:Direction=In", "0:PollIntervalMilliseconds=100");
            var residentsFile = Path.Combine(agent.DataDirectory, "residents.json");
            await UntilAsync(() => Task.FromResult(File.Exists(residentsFile)), exists => exists, Patience, Diagnostics);

            var admitted = await SwipeAsync(reader, resident, observer, seq: 1, Diagnostics);
            var turnedAway = await SwipeAsync(reader, stranger, observer, seq: 2, Diagnostics);

            Assert.Equal("granted", admitted.GetProperty("access").GetString());
            Assert.Equal("denied", turnedAway.GetProperty("access").GetString());
            Assert.DoesNotContain(resident.Name, File.ReadAllText(residentsFile), StringComparison.Ordinal);
            Assert.DoesNotContain(resident.IdNumber, File.ReadAllText(residentsFile), StringComparison.Ordinal);

            // The stranger walks away (a restarted agent reads whatever card lies on the reader, and fast: the native
            // agent reads the reader before this test could take the card off after the restart).
            reader.RemoveCard();

            // The network goes: hub and broker stop; the agent restarts on its cached list.
            await hub.DisposeAsync();
            hubRunning = false;
            await broker.StopAsync();
            await agent.RestartAfterKillAsync();
            await UntilAsync(() => Task.FromResult(agent.RecentOutput()), o => o.Contains("loaded from", StringComparison.Ordinal), Patience, Diagnostics);
            reader.PlaceCard(resident);
            var granted = $"card {PersonalDataMask.IdNumber(resident.IdNumber)} at gate-1 is Granted";
            await UntilAsync(() => Task.FromResult(agent.RecentOutput()), o => o.Contains(granted, StringComparison.Ordinal), Patience, Diagnostics);

            // Its check-in carries the decision when the broker is back (no hub acks it, so the agent repeats it until seen).
            await broker.StartAgainAsync();
            using var laterObserver = await CheckInObserver.StartAsync(broker);
            var offline = await UntilAsync(() => Task.FromResult(laterObserver.Find(3)), c => c is not null, Patience, Diagnostics);
            Assert.Equal("granted", offline!.Value.GetProperty("access").GetString());
            Assert.DoesNotContain(resident.IdNumber, agent.RecentOutput(), StringComparison.Ordinal);
        }
        finally
        {
            if (agent is not null)
            {
                await agent.DisposeAsync();
                TryDelete(agent.DataDirectory);
            }

            if (hubRunning)
            {
                await hub.DisposeAsync();
            }

            TryDelete(hub.DataDirectory);
        }
    }

    private static async Task<JsonElement> SwipeAsync(SamReaderEmulator reader, Contracts.Wire.CardData card, CheckInObserver observer, long seq, Func<string> diagnostics)
    {
        reader.RemoveCard();
        await Task.Delay(500);
        reader.PlaceCard(card);
        var checkIn = await UntilAsync(() => Task.FromResult(observer.Find(seq)), c => c is not null, Patience, diagnostics);
        Assert.Equal(card.IdNumber, checkIn!.Value.GetProperty("card").GetProperty("idNumber").GetString());
        return checkIn.Value;
    }

    private static async Task ImportAsync(HubProcess hub, string kind, string csv)
    {
        using var content = new StringContent(csv, Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue("text/csv") { CharSet = "utf-8" };
        using var response = await hub.Http.PostAsync($"/api/import/{kind}", content);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"import {kind}: {(int)response.StatusCode} {body}");
        Assert.Equal(0, JsonDocument.Parse(body).RootElement.GetProperty("rejected").GetArrayLength());
    }

    /// <summary>Polls until <paramref name="condition"/> holds (processes on a loaded 2-core machine take their time).</summary>
    private static async Task<T> UntilAsync<T>(Func<Task<T>> read, Func<T, bool> condition, TimeSpan timeout, Func<string> diagnostics)
    {
        var deadline = DateTime.UtcNow + timeout;
        var last = await read();
        while (!condition(last))
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Still {last} after {timeout.TotalSeconds:0}s.{Environment.NewLine}{diagnostics()}");
            }

            await Task.Delay(200);
            last = await read();
        }

        return last;
    }

    private static void TryDelete(string directory)
    {
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
            // A file still held by a process being torn down; the temp cleaner gets it.
        }
    }

    /// <summary>A bystander on the broker that keeps the agent's check-ins by seq.</summary>
    private sealed class CheckInObserver : IDisposable
    {
        private readonly IMqttClient _client;
        private readonly Dictionary<long, JsonElement> _bySeq = [];

        private CheckInObserver(IMqttClient client) => _client = client;

        public JsonElement? Find(long seq)
        {
            lock (_bySeq)
            {
                return _bySeq.TryGetValue(seq, out var checkIn) ? checkIn : null;
            }
        }

        public static async Task<CheckInObserver> StartAsync(MosquittoBroker broker)
        {
            var client = new MqttClientFactory().CreateMqttClient();
            var observer = new CheckInObserver(client);
            client.ApplicationMessageReceivedAsync += e =>
            {
                var checkIn = JsonDocument.Parse(Encoding.UTF8.GetString(e.ApplicationMessage.Payload.ToArray())).RootElement.Clone();
                lock (observer._bySeq)
                {
                    observer._bySeq[checkIn.GetProperty("seq").GetInt64()] = checkIn;
                }

                return Task.CompletedTask;
            };
            await client.ConnectAsync(new MqttClientOptionsBuilder().WithTcpServer(broker.Host, broker.Port).WithClientId("residents-observer-" + Guid.NewGuid().ToString("N")).Build());
            await client.SubscribeAsync(new MqttClientSubscribeOptionsBuilder()
                .WithTopicFilter($"gatesync/v1/{SiteId}/{AgentId}/checkin", MqttQualityOfServiceLevel.AtLeastOnce).Build());
            return observer;
        }

        public void Dispose() => _client.Dispose();
    }
}
