using System.Buffers;
using System.Diagnostics;
using System.Text;
using GateSync.Bench.Report;
using GateSync.Bench.Support;
using GateSync.Contracts.Wire;
using GateSync.Testing.Mqtt;
using MQTTnet;

namespace GateSync.Bench.Scenarios;

/// <summary>
/// The agent's backlog drain: an outbox holding 100,000 unsent check-ins, drained by the real agent process to
/// Mosquitto; beside it, bare MQTTnet QoS 1 publish loops of the same payloads to the same broker.
/// </summary>
public static class BacklogDrainScenario
{
    public const string Section = "Agent backlog drain";

    private const string SiteId = "site-drain";
    private const string AgentId = "bench-drain";

    /// <summary>The shipped broker's max_inflight_messages: the most a publisher can usefully keep in flight.</summary>
    private const int PipelineWindow = 100;

    public static async Task RunAsync(BenchSettings settings, BenchReport report, Workspace workspace)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(workspace);
        await using var broker = await MosquittoBroker.StartAsync("max_inflight_messages 100", "max_queued_bytes 0");
        var mosquittoPid = ProcessMeter.FindByCommandLine(broker.ConfigPath);
        var people = SyntheticPeople.Create(2000, 0.3, 11);
        var payloads = new CheckInPayloads(SiteId, AgentId, people, DateTimeOffset.UtcNow, occurredDaysBack: 3);

        // Someone subscribes, as the hub does, so the broker routes every message rather than discarding it.
        var count = settings.BacklogCheckIns;
        var counter = new SeqCounter(count);
        // Socket buffers of 1 MiB: MQTTnet's default fixes them at 8 KiB, which caps the TCP window so low that on a busy
        // machine the broker's queue for the subscriber, not the agent, set the pace.
        using var subscriber = await Mqtt.ConnectAsync(broker.Host, broker.Port, "bench-drain-subscriber", 1 << 20);
        subscriber.ApplicationMessageReceivedAsync += e =>
        {
            counter.Seen(e.ApplicationMessage.Topic, e.ApplicationMessage.Payload);
            return Task.CompletedTask;
        };
        await Mqtt.SubscribeAsync(subscriber, Topics.AllCheckIns);

        var (serial, serialCount) = await BareLoopAsync(broker, payloads, settings.BarePublishDuration, window: 1, "bench-bare-serial");
        var (pipelined, pipelinedCount) = await BareLoopAsync(broker, payloads, settings.BarePublishDuration, window: PipelineWindow, "bench-bare-pipelined");

        // The bare loops' messages queue at the broker for the subscriber too; the agent's would wait behind them, and
        // the drain would measure how fast the subscriber catches up (a stall at 0 on a loaded machine).
        var caughtUp = Stopwatch.StartNew();
        try
        {
            await Poll.UntilAsync(() => counter.Others >= serialCount + pipelinedCount, settings.DrainTimeout, "the subscriber to receive the bare loops' messages", TimeSpan.FromMilliseconds(20));
        }
        catch (TimeoutException)
        {
            report.Note(Section, $"the subscriber had {counter.Others:N0} of the bare loops' {serialCount + pipelinedCount:N0} messages after {settings.DrainTimeout.TotalSeconds:0} s; the drain's figure includes the rest");
        }

        var catchUpSeconds = caughtUp.Elapsed.TotalSeconds;

        var dataDirectory = workspace.Directory("agent-drain");
        var fill = Stopwatch.StartNew();
        OutboxBacklog.Write(dataDirectory, payloads, count);
        var fillSeconds = fill.Elapsed.TotalSeconds;

        var startedAt = counter.Now;
        await using var agent = AgentProgram.Start(dataDirectory,
        [
            $"--Agent:SiteId={SiteId}",
            $"--Agent:AgentId={AgentId}",
            $"--Agent:DataDirectory={dataDirectory}",
            $"--Agent:Mqtt:Host={broker.Host}",
            $"--Agent:Mqtt:Port={broker.Port}",
            // The drain cap is a setting (default 100/s, field notes); lifted here to find what the code can do.
            "--Agent:Publishing:DrainRatePerSecond=1000000",
            // The agent needs a reader; this one swipes about once in 100 minutes.
            "--Agent:Readers:0:ReaderId=idle",
            "--Agent:Readers:0:Kind=Simulated",
            "--Agent:Readers:0:SwipesPerMinute=0.01",
        ]);
        var cpu = new CpuWindow(("agent", agent.Id), ("mosquitto", mosquittoPid), ("bench process (subscriber)", Environment.ProcessId));
        try
        {
            await Poll.UntilAsync(() => counter.Count >= count || agent.HasExited, settings.DrainTimeout, "the agent to drain its backlog", TimeSpan.FromMilliseconds(20));
        }
        catch (TimeoutException)
        {
            report.Note(Section, $"the drain did not finish within {settings.DrainTimeout.TotalSeconds:0} s: {counter.Count:N0} of {count:N0} arrived");
        }

        var cpuText = cpu.Describe();
        if (agent.HasExited)
        {
            throw new InvalidOperationException($"the agent exited.{Environment.NewLine}{agent.RecentOutput()}");
        }

        if (counter.Count == 0)
        {
            // Still a figure: the first outbox read over the whole backlog can outlast the timeout on a loaded machine.
            var said = agent.RecentOutput().Split('\n').TakeLast(3).Select(l => l.Trim());
            report.Note(Section, $"nothing arrived within {settings.DrainTimeout.TotalSeconds:0} s; the agent's last lines: {string.Join(" | ", said)}");
        }

        var drained = counter.Count;
        var drainSeconds = drained == 0 ? settings.DrainTimeout.TotalSeconds : (counter.LastAt - counter.FirstAt).TotalSeconds;
        var rate = drained <= 1 ? 0 : (drained - 1) / drainSeconds;
        report.Add(new Figure
        {
            Id = "bare-publish-serial",
            Name = "Bare MQTTnet QoS 1 loop, one in flight",
            Value = serial,
            Unit = "msg/s",
            Note = $"one MQTTnet client publishing the same check-in payloads for {settings.BarePublishDuration.TotalSeconds:0} s, awaiting each PUBACK before the next (as the agent's publisher does).",
        });
        report.Add(new Figure
        {
            Id = "bare-publish",
            Name = $"Bare MQTTnet QoS 1 loop, {PipelineWindow} in flight",
            Value = pipelined,
            Unit = "msg/s",
            Note = $"one MQTTnet client, {PipelineWindow} publishes in flight (the shipped broker's max_inflight_messages), for {settings.BarePublishDuration.TotalSeconds:0} s: what one connection can carry. The drain's baseline.",
        });
        report.Add(new Figure
        {
            Id = "agent-drain",
            Name = $"Agent backlog drain ({count:N0} queued)",
            Value = rate,
            Unit = "check-ins/s",
            Target = 10_000,
            BaselineId = "bare-publish",
            Baseline = pipelined,
            RatioTarget = 0.5,
            Note = $"the real agent process started on an outbox of {count:N0} unsent check-ins (Agent:Publishing:DrainRatePerSecond lifted to 1,000,000) " +
                   $"and a QoS 1 subscriber counting distinct seqs at the broker; rate from the first to the last check-in received " +
                   $"({drained:N0} in {drainSeconds:0.0} s). From process start to the last check-in: {(counter.LastAt - startedAt).TotalSeconds:0.0} s.",
        });
        report.Note(Section, $"{cpuText} (during the agent's drain)");
        report.Note(Section, $"outbox of {count:N0} written in {fillSeconds:0.0} s; the agent published {counter.Count:N0} distinct check-ins, {counter.Repeats:N0} repeats.");
        report.Note(Section, $"the subscriber received the bare loops' {serialCount + pipelinedCount:N0} messages {catchUpSeconds:0.0} s after they ended; the agent started after that.");
    }

    private static async Task<(double Rate, long Published)> BareLoopAsync(MosquittoBroker broker, CheckInPayloads payloads, TimeSpan duration, int window, string clientId)
    {
        using var client = await Mqtt.ConnectAsync(broker.Host, broker.Port, clientId);
        var topic = Topics.CheckIn(SiteId, clientId);
        var pending = new Queue<Task<MqttClientPublishResult>>(window);
        var seq = 0L;
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < duration)
        {
            seq++;
            pending.Enqueue(client.PublishAsync(Mqtt.CheckIn(topic, payloads.For(seq))));
            if (pending.Count >= window)
            {
                EnsureAccepted(await pending.Dequeue());
            }
        }

        while (pending.Count > 0)
        {
            EnsureAccepted(await pending.Dequeue());
        }

        var rate = seq / clock.Elapsed.TotalSeconds;
        await client.DisconnectAsync();
        return (rate, seq);
    }

    private static void EnsureAccepted(MqttClientPublishResult result)
    {
        if (!Mqtt.Accepted(result))
        {
            throw new InvalidOperationException($"the broker refused a publish: {result.ReasonCode}");
        }
    }

    /// <summary>Distinct seqs 1..count of the drained agent's check-ins, with when the first and the last arrived.</summary>
    private sealed class SeqCounter(int count)
    {
        private static readonly byte[] SeqField = Encoding.ASCII.GetBytes("\"seq\":");
        private readonly bool[] seen = new bool[count + 1];
        private readonly Stopwatch clock = Stopwatch.StartNew();
        private readonly string topic = Topics.CheckIn(SiteId, AgentId);
        private int distinct;
        private long others;

        public int Count => Volatile.Read(ref distinct);

        /// <summary>Messages on other topics: the bare loops'.</summary>
        public long Others => Interlocked.Read(ref others);

        public TimeSpan Now => clock.Elapsed;

        public int Repeats { get; private set; }

        public TimeSpan FirstAt { get; private set; }

        public TimeSpan LastAt { get; private set; }

        public void Seen(string messageTopic, ReadOnlySequence<byte> payload)
        {
            if (messageTopic != topic)
            {
                Interlocked.Increment(ref others);
                return;
            }

            var bytes = payload.IsSingleSegment ? payload.FirstSpan : payload.ToArray();
            var at = bytes.IndexOf(SeqField);
            if (at < 0 || !System.Buffers.Text.Utf8Parser.TryParse(bytes[(at + SeqField.Length)..], out long seq, out _) || seq < 1 || seq > count)
            {
                return;
            }

            if (seen[seq])
            {
                Repeats++;
                return;
            }

            seen[seq] = true;
            var now = clock.Elapsed;
            if (distinct == 0)
            {
                FirstAt = now;
            }

            LastAt = now;
            Interlocked.Increment(ref distinct);
        }
    }
}
