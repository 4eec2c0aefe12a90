using System.Diagnostics;
using GateSync.EndToEnd.Tests.Infrastructure;
using GateSync.Testing;
using GateSync.Testing.Mqtt;

namespace GateSync.EndToEnd.Tests;

/// <summary>A hub behind a real Mosquitto, fed by programs written against the contract alone.</summary>
public sealed class ExternalBrokerTests
{
    [Fact]
    public async Task A_contract_checkin_sent_with_mosquitto_pub_is_stored_once()
    {
        await using var broker = await MosquittoBroker.StartAsync();
        await using var hub = await HubProcess.StartExternalAsync(broker.Host, broker.Port);
        const string topic = "gatesync/v1/fr-0042/fr-0042-a/checkin";

        await MosquittoPubAsync(broker, topic, ContractExample.Json());
        await MosquittoPubAsync(broker, topic, ContractExample.Json());
        await MosquittoPubAsync(broker, topic, "{ this is not json");

        await Eventually.ReachesAsync(() => hub.CheckInCountAsync(siteId: "fr-0042"), n => n == 1, "the check-in stored", TimeSpan.FromSeconds(30), hub.RecentOutput);
        var agent = (await hub.AgentsAsync()).EnumerateArray().Single();
        Assert.Equal("fr-0042-a", agent.GetProperty("agentId").GetString());
        Assert.Equal(1837, agent.GetProperty("lastSeq").GetInt64());
        Assert.Equal(1, agent.GetProperty("storedCount").GetInt64());
        // Nothing before seq 1837 has arrived yet: the hub knows what it is missing.
        var missing = agent.GetProperty("missing").EnumerateArray().Single().EnumerateArray().Select(x => x.GetInt64()).ToArray();
        Assert.Equal([1L, 1836L], missing);
    }

    private static async Task MosquittoPubAsync(MosquittoBroker broker, string topic, string message)
    {
        var info = new ProcessStartInfo("mosquitto_pub") { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var arg in new[] { "-h", broker.Host, "-p", broker.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "-q", "1", "-t", topic, "-m", message })
        {
            info.ArgumentList.Add(arg);
        }

        using var process = Process.Start(info)!;
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, await process.StandardError.ReadToEndAsync());
    }
}
