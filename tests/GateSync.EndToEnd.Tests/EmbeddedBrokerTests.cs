using GateSync.EndToEnd.Tests.Infrastructure;
using GateSync.Testing;
using GateSync.Testing.Processes;

namespace GateSync.EndToEnd.Tests;

/// <summary>The README's demo path: a hub on its embedded broker fed by agents with simulated readers.</summary>
public sealed class EmbeddedBrokerTests
{
    [Fact]
    public async Task Simulated_agents_feed_a_hub_on_its_embedded_broker()
    {
        var mqttPort = FreeTcpPort.Next();
        await using var hub = await HubProcess.StartEmbeddedAsync(mqttPort);
        // As the README's demo does: each agent is created at the hub first and connects with its own credentials.
        var firstCredentials = await hub.RegisterAgentAsync("fr-0001", "fr-0001-a");
        var secondCredentials = await hub.RegisterAgentAsync("fr-0002", "fr-0002-a");
        await using var first = AgentProcess.StartWith("fr-0001", "fr-0001-a", "127.0.0.1", mqttPort, firstCredentials, Simulated(seed: 1));
        await using var second = AgentProcess.StartWith("fr-0002", "fr-0002-a", "127.0.0.1", mqttPort, secondCredentials, Simulated(seed: 2));
        string Diagnostics() => string.Join(Environment.NewLine, hub.RecentOutput(), first.RecentOutput(), second.RecentOutput());

        await Eventually.ReachesAsync(() => hub.CheckInCountAsync(agentId: "fr-0001-a"), n => n >= 5, "5 check-ins of fr-0001-a stored", TimeSpan.FromSeconds(90), Diagnostics);
        await Eventually.ReachesAsync(() => hub.CheckInCountAsync(agentId: "fr-0002-a"), n => n >= 5, "5 check-ins of fr-0002-a stored", TimeSpan.FromSeconds(60), Diagnostics);

        var agents = await Eventually.ReachesAsync(
            async () => (await hub.AgentsAsync()).EnumerateArray().ToList(),
            list => list.Count == 2 && list.All(a => a.GetProperty("online").GetBoolean()),
            "both agents online",
            TimeSpan.FromSeconds(30),
            Diagnostics);
        Assert.Equal(["fr-0001", "fr-0002"], agents.Select(a => a.GetProperty("siteId").GetString()).Order());
    }

    private static string[] Simulated(int seed) =>
        ["0:ReaderId=gate-1", "0:Kind=Simulated", $"0:Seed={seed}", "0:SwipesPerMinute=600"];
}
