using System.Text.RegularExpressions;
using GateSync.EndToEnd.Tests.Infrastructure;
using GateSync.Testing;
using GateSync.Testing.Mqtt;
using GateSync.Testing.Processes;

namespace GateSync.EndToEnd.Tests.Faults;

/// <summary>
/// The delivery promise under faults, with the real programs as processes: every check-in an agent numbered is stored at
/// the hub exactly once (stored count = last seq, no gaps), whatever was killed or stopped on the way.
/// One class, so the faults run one after another on a small machine.
/// </summary>
public sealed partial class DeliveryFaultTests
{
    private const string Site = "fr-0042";
    private const string AgentId = "fr-0042-a";

    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(120);

    /// <summary>How long the broker stays down; two minutes by default, as the issue asks for minutes; GATESYNC_FAULT_OUTAGE_SECONDS changes it.</summary>
    private static readonly TimeSpan Outage = TimeSpan.FromSeconds(
        int.TryParse(Environment.GetEnvironmentVariable("GATESYNC_FAULT_OUTAGE_SECONDS"), out var seconds) ? seconds : 120);

    private static readonly string[] FastDelivery = ["--Hub:Delivery:GapReplayAfterSeconds=2", "--Hub:Delivery:ReplayIntervalSeconds=2", "--Hub:Delivery:GapScanIntervalSeconds=1"];

    private static readonly string[] FastAgent = ["--Agent:Publishing:AckTimeoutSeconds=5", "--Agent:Publishing:StatusIntervalSeconds=5"];

    [Fact]
    public async Task A_hub_killed_mid_ingest_twice_loses_no_check_in_and_stores_none_twice()
    {
        var mqttPort = FreeTcpPort.Next();
        await using var hub = await HubProcess.StartEmbeddedAsync(mqttPort, null, FastDelivery);
        var credentials = await hub.RegisterAgentAsync(Site, AgentId);
        await using var agent = AgentProcess.StartWith(Site, AgentId, "127.0.0.1", mqttPort, [.. credentials, .. FastAgent], Swiping());
        string Diagnostics() => hub.RecentOutput() + Environment.NewLine + agent.RecentOutput();

        for (var kill = 0; kill < 2; kill++)
        {
            var before = await hub.CheckInCountAsync(agentId: AgentId);
            await Eventually.ReachesAsync(() => hub.CheckInCountAsync(agentId: AgentId), n => n >= before + 20, "20 more check-ins stored", Settle, Diagnostics);
            await hub.RestartAfterKillAsync();
        }

        await AssertEveryCheckInStoredOnceAsync(hub, agent, Diagnostics);
    }

    [Fact]
    public async Task A_broker_outage_while_swipes_continue_loses_no_check_in()
    {
        await using var broker = await MosquittoBroker.StartAsync();
        await using var hub = await HubProcess.StartExternalAsync(broker.Host, broker.Port, null, FastDelivery);
        await using var agent = AgentProcess.StartWith(Site, AgentId, broker.Host, broker.Port, FastAgent, Swiping());
        string Diagnostics() => hub.RecentOutput() + Environment.NewLine + agent.RecentOutput() + Environment.NewLine + broker.RecentOutput();
        await Eventually.ReachesAsync(() => hub.CheckInCountAsync(agentId: AgentId), n => n >= 20, "20 check-ins stored", Settle, Diagnostics);

        await broker.StopAsync();
        var seqAtStop = agent.LastSeq();
        await Task.Delay(Outage);
        Assert.True(agent.LastSeq() > seqAtStop + 10, "the door kept recording while the broker was down");
        await broker.StartAgainAsync();

        await AssertEveryCheckInStoredOnceAsync(hub, agent, Diagnostics);
    }

    [Fact]
    public async Task An_agent_killed_again_and_again_mid_write_loses_no_check_in()
    {
        var mqttPort = FreeTcpPort.Next();
        await using var hub = await HubProcess.StartEmbeddedAsync(mqttPort, null, FastDelivery);
        var credentials = await hub.RegisterAgentAsync(Site, AgentId);
        await using var agent = AgentProcess.StartWith(Site, AgentId, "127.0.0.1", mqttPort, [.. credentials, .. FastAgent], Swiping());
        string Diagnostics() => hub.RecentOutput() + Environment.NewLine + agent.RecentOutput();

        for (var kill = 0; kill < 3; kill++)
        {
            var before = agent.LastSeq();
            await Eventually.ReachesAsync(() => Task.FromResult(agent.LastSeq()), n => n >= before + 15, "15 more swipes recorded", Settle, Diagnostics);
            await agent.RestartAfterKillAsync();
        }

        await AssertEveryCheckInStoredOnceAsync(hub, agent, Diagnostics);
        Assert.Empty(Directory.GetFiles(agent.DataDirectory, "outbox.corrupt-*"));
    }

    [Fact]
    public async Task A_truncated_outbox_is_moved_aside_and_reported_and_the_door_keeps_recording()
    {
        var mqttPort = FreeTcpPort.Next();
        await using var hub = await HubProcess.StartEmbeddedAsync(mqttPort, null, FastDelivery);
        var credentials = await hub.RegisterAgentAsync(Site, AgentId);
        await using var agent = AgentProcess.StartWith(Site, AgentId, "127.0.0.1", mqttPort, [.. credentials, .. FastAgent], Swiping());
        string Diagnostics() => hub.RecentOutput() + Environment.NewLine + agent.RecentOutput();
        await Eventually.ReachesAsync(() => Task.FromResult(agent.LastSeq()), n => n >= 20, "20 swipes recorded", Settle, Diagnostics);

        await agent.StopAsync();
        var seqBefore = agent.LastSeq();
        TruncateOutbox(agent);
        agent.Relaunch();

        await Eventually.ReachesAsync(() => Task.FromResult(agent.LastSeq()), n => n >= seqBefore + 10, "10 more swipes recorded after the outbox was moved aside", Settle, Diagnostics);
        Assert.Single(Directory.GetFiles(agent.DataDirectory, "outbox.corrupt-*.db"));
        Assert.Contains("could not be opened and was moved to", agent.RecentOutput(), StringComparison.Ordinal);
        await Eventually.ReachesAsync(() => hub.CheckInCountAsync(agentId: AgentId), n => n >= seqBefore + 5, "check-ins after the fresh outbox stored", Settle, Diagnostics);
    }

    /// <summary>Cuts the stopped agent's outbox short, as a crash during a copy or a full disk would.</summary>
    private static void TruncateOutbox(AgentProcess agent)
    {
        using var file = new FileStream(Path.Combine(agent.DataDirectory, "outbox.db"), FileMode.Open, FileAccess.ReadWrite);
        file.SetLength(file.Length - 100);
    }

    private static string[] Swiping() => ["0:ReaderId=gate-1", "0:Kind=Simulated", "0:Seed=7", "0:SwipesPerMinute=600"];

    /// <summary>
    /// Quietens the door (restart with a rate of one swipe in days), then waits until the hub holds every seq from 1 to the
    /// agent's last, once each; and checks that no log line of either program shows an ID number unmasked.
    /// </summary>
    private static async Task AssertEveryCheckInStoredOnceAsync(HubProcess hub, AgentProcess agent, Func<string> diagnostics)
    {
        var output = hub.RecentOutput() + agent.RecentOutput();
        await agent.RestartWithAsync("--Agent:Readers:0:SwipesPerMinute=0.001");
        var lastSeq = agent.LastSeq();
        Assert.True(lastSeq > 0);

        var summary = await Eventually.ReachesAsync(
            async () => (await hub.AgentsAsync()).EnumerateArray().Single(a => a.GetProperty("agentId").GetString() == AgentId),
            a => a.GetProperty("storedCount").GetInt64() == lastSeq && a.GetProperty("missing").GetArrayLength() == 0,
            "every check-in stored with nothing missing",
            Settle,
            () => $"agent's last seq {lastSeq}{Environment.NewLine}{diagnostics()}");

        Assert.Equal(lastSeq, summary.GetProperty("lastSeq").GetInt64());
        Assert.Equal(lastSeq, await hub.CheckInCountAsync(agentId: AgentId));
        Assert.Equal(lastSeq, agent.LastSeq());
        Assert.DoesNotMatch(UnmaskedIdNumber(), output + hub.RecentOutput() + agent.RecentOutput());
    }

    [GeneratedRegex(@"(?<![0-9])[1-9][0-9]{5}(19|20)[0-9]{2}[01][0-9][0-3][0-9][0-9]{3}[0-9Xx](?![0-9])")]
    private static partial Regex UnmaskedIdNumber();
}
