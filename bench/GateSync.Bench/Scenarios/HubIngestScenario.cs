using System.Diagnostics;
using GateSync.Bench.Report;
using GateSync.Bench.Support;
using GateSync.Hub.Reconciliation;
using GateSync.Hub.Storage;
using GateSync.Testing.Mqtt;

namespace GateSync.Bench.Scenarios;

/// <summary>
/// Check-ins per second from several publishing agents through a real Mosquitto into the hub's store, with dedup
/// and reconciliation on, sustained. Publishers keep many QoS 1 publishes in flight and stay a bounded distance
/// ahead of the store, so the broker always holds work for the hub without its queue growing for the whole run.
/// </summary>
public static class HubIngestScenario
{
    public const string Section = "Hub ingest";

    private const string AgentPrefix = "bench-agent-";

    public static async Task<double> RunAsync(BenchSettings settings, BenchReport report, Workspace workspace)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(workspace);

        // The shipped broker settings (config/mosquitto/gatesync.conf) on a free port.
        await using var broker = await MosquittoBroker.StartAsync("max_inflight_messages 100", "max_queued_bytes 0");
        var mosquittoPid = ProcessMeter.FindByCommandLine(broker.ConfigPath);
        var store = workspace.Directory("hub-ingest");
        workspace.IngestStore = store;

        // The transport alone first, on the same broker: what the hub's figure is to be read against on this machine.
        await IngestTransportScenario.RunAsync(settings, report, broker);

        await using var hub = await InProcessHub.StartAsync(broker.Host, broker.Port, store);

        // The feed's channel cannot count; the reconciler says when it has judged a batch.
        var reconciled = new long[1];
        var toReconcile = new long[1];
        hub.Get<Reconciler>().Changed += () => Interlocked.Increment(ref reconciled[0]);
        hub.Counter.OnBatch = batch =>
        {
            if (batch.CheckIns.Count > 0 || batch.Statuses.Count > 0)
            {
                Interlocked.Increment(ref toReconcile[0]);
            }
        };
        long Unreconciled() => Interlocked.Read(ref toReconcile[0]) - Interlocked.Read(ref reconciled[0]);
        await using var publishers = await IngestPublishers.StartAsync(broker, AgentPrefix, () => hub.Counter.Stored);
        await Task.Delay(settings.IngestWarmup);
        var startCount = hub.Counter.Stored;
        var cpu = new CpuWindow(("bench process (hub + publishers)", Environment.ProcessId), ("mosquitto", mosquittoPid));
        var clock = Stopwatch.StartNew();
        var perSecond = new List<double>();
        var last = startCount;
        var feedMax = 0L;
        while (clock.Elapsed < settings.IngestSustained)
        {
            var nextSecond = TimeSpan.FromSeconds(perSecond.Count + 1);
            while (clock.Elapsed < nextSecond)
            {
                feedMax = Math.Max(feedMax, Unreconciled());
                await Task.Delay(100);
            }

            var count = hub.Counter.Stored;
            perSecond.Add(count - last);
            last = count;
        }

        var endCount = hub.Counter.Stored;
        var elapsed = clock.Elapsed.TotalSeconds;
        var cpuText = cpu.Describe();
        var rate = (endCount - startCount) / elapsed;

        await publishers.StopAsync();
        var drain = Stopwatch.StartNew();
        var caughtUp = await WithinAsync(() => hub.Counter.Stored >= publishers.Published, TimeSpan.FromSeconds(60));
        var drainText = caughtUp
            ? $"the broker's queue drained {drain.Elapsed.TotalSeconds:0.0} s after publishing stopped"
            : $"the hub had stored {hub.Counter.Stored:N0} of them 60 s after publishing stopped (still draining the broker's queue)";
        var catchUp = Stopwatch.StartNew();
        var judged = await WithinAsync(() => Unreconciled() <= 0, TimeSpan.FromSeconds(30));
        var catchUpText = judged ? $"empty {catchUp.Elapsed.TotalSeconds:0.0} s after that" : $"still {Unreconciled()} batches behind 30 s after that";

        var ledger = hub.Get<HubQueries>().Agents().Where(a => a.AgentId.StartsWith(AgentPrefix, StringComparison.Ordinal)).ToList();
        var stored = ledger.Sum(a => a.StoredCount);
        var duplicates = ledger.Sum(a => a.DuplicateCount);
        var missing = ledger.Sum(a => a.Missing.Sum(r => r.To - r.From + 1));
        var counter = hub.Counter;

        report.Add(new Figure
        {
            Id = "hub-ingest",
            Name = "Hub ingest, sustained",
            Value = rate,
            Unit = "check-ins/s",
            Target = 25_000,
            Note = $"{IngestPublishers.Count} MQTTnet publishers (one per agent id, {IngestPublishers.Window} QoS 1 publishes in flight each) -> Mosquitto (shipped settings) -> " +
                   $"hub in-process (HubApp.Build, External mode, dedup + reconciliation on); stored count from the hub's committed-batch observer, " +
                   $"over {elapsed:0} s after {settings.IngestWarmup.TotalSeconds:0} s of warm-up. Slowest second {perSecond.DefaultIfEmpty(0).Min():N0}/s, fastest {perSecond.DefaultIfEmpty(0).Max():N0}/s.",
        });
        report.Note(Section, cpuText);
        report.Note(Section, $"stored per second over the sustained window: {string.Join(", ", perSecond.Select(v => v.ToString("0", System.Globalization.CultureInfo.InvariantCulture)))}.");
        report.Note(Section,
            $"batches: {counter.Batches:N0} commits, mean {counter.MeanBatch:0} check-ins per transaction, largest {counter.MaxBatch}, " +
            $"{counter.SmallBatches:N0} of 20 or fewer, {counter.FullBatches:N0} full ({counter.FullBatchSize}).");
        report.Note(Section,
            $"check: published {publishers.Published:N0} (refused {publishers.Refused}), hub ledger stored {stored:N0}, duplicates {duplicates}, " +
            $"missing {missing}; {drainText}.");
        report.Note(Section,
            $"reconciliation kept up: its queue of committed batches peaked at {feedMax} batches during the sustained window, and was {catchUpText}.");
        await hub.DisposeAsync();

        // Once more with the hub in a process of its own, to tell its CPU from the publishers' and the broker's.
        await HubProcessIngestScenario.RunAsync(settings, report, workspace, broker, mosquittoPid);
        return counter.MeanBatch;
    }

    private static async Task<bool> WithinAsync(Func<bool> condition, TimeSpan timeout)
    {
        try
        {
            await Poll.UntilAsync(condition, timeout, "a condition");
            return true;
        }
        catch (TimeoutException)
        {
            return false;
        }
    }
}
