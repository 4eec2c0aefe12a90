using System.Diagnostics;
using GateSync.Bench.Report;
using GateSync.Bench.Support;
using GateSync.Contracts.Wire;
using GateSync.Testing.Mqtt;
using MQTTnet;

namespace GateSync.Bench.Scenarios;

/// <summary>
/// The ingest path without the hub: the same publishers through the same Mosquitto to one bare QoS 1 subscriber (socket
/// buffers as the hub's ingest client has them) that only counts. No hub can take check-ins faster than this on the
/// machine, with publishers and broker beside it; the hub's ingest is read against it.
/// </summary>
public static class IngestTransportScenario
{
    private const string AgentPrefix = "bench-transport-";

    /// <summary>Set, because MQTTnet's own channel sets 8 KiB unless told, which stalls a subscriber (bench/README.md).</summary>
    private const int SubscriberSocketBufferBytes = 1 << 20;

    public static async Task RunAsync(BenchSettings settings, BenchReport report, MosquittoBroker broker)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(broker);
        var received = new long[1];
        using var subscriber = await Mqtt.ConnectAsync(broker.Host, broker.Port, "bench-transport-subscriber", SubscriberSocketBufferBytes);
        subscriber.ApplicationMessageReceivedAsync += _ =>
        {
            Interlocked.Increment(ref received[0]);
            return Task.CompletedTask;
        };
        await Mqtt.SubscribeAsync(subscriber, Topics.AllCheckIns);

        long Received() => Interlocked.Read(ref received[0]);
        await using (var publishers = await IngestPublishers.StartAsync(broker, AgentPrefix, Received))
        {
            await Task.Delay(settings.IngestWarmup);
            var start = Received();
            var clock = Stopwatch.StartNew();
            await Task.Delay(settings.BarePublishDuration);
            var rate = (Received() - start) / clock.Elapsed.TotalSeconds;
            report.Add(new Figure
            {
                Id = "ingest-transport",
                Name = "Ingest transport alone: same publishers -> Mosquitto -> a bare QoS 1 subscriber, no hub",
                Value = rate,
                Unit = "check-ins/s",
                Note = $"{IngestPublishers.Count} publishers as in hub ingest, one MQTTnet subscriber on {Topics.AllCheckIns} that counts and acks " +
                       $"(socket buffers {SubscriberSocketBufferBytes / 1024} KiB; the hub's own connection leaves them to the kernel), over {clock.Elapsed.TotalSeconds:0} s after " +
                       $"{settings.IngestWarmup.TotalSeconds:0} s of warm-up: the most any subscriber takes on this machine with publishers and broker beside it.",
            });
        }

        await subscriber.DisconnectAsync();
    }
}
