using System.Diagnostics;
using System.Globalization;
using GateSync.Bench.Report;
using GateSync.Bench.Support;
using GateSync.Testing.Mqtt;

namespace GateSync.Bench.Scenarios;

/// <summary>
/// Hub ingest again, with the hub in a process of its own (the hub's server collector, as installed), so its CPU can be
/// told apart from the publishers' and the broker's: what one stored check-in costs the hub, and so how many one core
/// of the hub's own would take. On this 2-core machine the publishers and the broker take a core's worth beside it.
/// </summary>
public static class HubProcessIngestScenario
{
    /// <summary>First argument of the bench run as that child process (<see cref="RunChildAsync"/>).</summary>
    public const string ChildArgument = "--ingest-hub";

    private const string AgentPrefix = "bench-own-";

    private const string StoredLine = "stored ";

    private const string ReadyLine = "ready";

    public static async Task RunAsync(BenchSettings settings, BenchReport report, Workspace workspace, MosquittoBroker broker, int? mosquittoPid)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(workspace);
        ArgumentNullException.ThrowIfNull(broker);

        using var hub = StartChild(broker, workspace.Directory("hub-ingest-own-process"));
        var stored = new long[1];
        var ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        hub.OutputDataReceived += (_, line) =>
        {
            if (line.Data?.StartsWith(StoredLine, StringComparison.Ordinal) == true)
            {
                Volatile.Write(ref stored[0], long.Parse(line.Data.AsSpan(StoredLine.Length), CultureInfo.InvariantCulture));
            }
            else if (line.Data == ReadyLine)
            {
                ready.TrySetResult();
            }
            else if (line.Data is { } text)
            {
                Console.WriteLine($"  hub process: {text}");
            }
        };
        hub.BeginOutputReadLine();
        await ready.Task.WaitAsync(TimeSpan.FromSeconds(60));

        long Stored() => Volatile.Read(ref stored[0]);
        double rate, hubCpuSeconds, cpuPerCheckIn;
        string cpuText;
        await using (var publishers = await IngestPublishers.StartAsync(broker, AgentPrefix, Stored))
        {
            await Task.Delay(settings.IngestWarmup);
            var (start, hubCpuStart) = (Stored(), ProcessMeter.CpuSeconds(hub.Id));
            var cpu = new CpuWindow(("hub process", hub.Id), ("bench process (publishers)", Environment.ProcessId), ("mosquitto", mosquittoPid));
            var clock = Stopwatch.StartNew();
            await Task.Delay(settings.IngestSustained);
            var (end, elapsed) = (Stored(), clock.Elapsed.TotalSeconds);
            hubCpuSeconds = ProcessMeter.CpuSeconds(hub.Id) - hubCpuStart;
            cpuText = cpu.Describe();
            rate = (end - start) / elapsed;
            cpuPerCheckIn = hubCpuSeconds * 1e6 / Math.Max(1, end - start);
        }

        hub.StandardInput.Close();
        if (!await WaitForExitAsync(hub, TimeSpan.FromSeconds(60)))
        {
            hub.Kill(entireProcessTree: true);
        }

        report.Add(new Figure
        {
            Id = "hub-ingest-own-process",
            Name = "Hub ingest, the hub in a process of its own (server GC, as installed)",
            Value = rate,
            Unit = "check-ins/s",
            Note = $"the same publishers and broker as above; {cpuText}. The stored count comes from the hub process every 50 ms.",
        });
        report.Add(new Figure
        {
            Id = "hub-ingest-cpu",
            Name = "Hub CPU per stored check-in (its own process: MQTT receive, validation, dedup, LiteDB, PUBACK, reconciliation)",
            Value = cpuPerCheckIn,
            Unit = "us",
            Better = Better.Lower,
            Note = $"{hubCpuSeconds:0.0} CPU-seconds of the hub process over the sustained window: one core of its own would take about " +
                   $"{1e6 / cpuPerCheckIn:N0} check-ins/s, both cores at most about {2e6 / cpuPerCheckIn:N0}/s (CPU alone; not measured here, where the " +
                   "publishers and the broker share the cores). 25,000/s needs 80 us or less on two cores of its own.",
        });
    }

    /// <summary>
    /// The child's side (<c>--ingest-hub host port store</c>): the hub subscribed at the broker, its stored count on stdout
    /// every 50 ms, until stdin closes.
    /// </summary>
    public static async Task<int> RunChildAsync(string brokerHost, int brokerPort, string store)
    {
        await using var hub = await InProcessHub.StartAsync(brokerHost, brokerPort, store, clientId: "gatesync-hub-bench-own-process");
        Console.WriteLine(ReadyLine);
        var stdinClosed = Task.Run(() => Console.In.ReadToEnd());
        while (!stdinClosed.IsCompleted)
        {
            Console.WriteLine($"{StoredLine}{hub.Counter.Stored.ToString(CultureInfo.InvariantCulture)}");
            await Task.WhenAny(stdinClosed, Task.Delay(50));
        }

        return 0;
    }

    private static Process StartChild(MosquittoBroker broker, string store)
    {
        var info = new ProcessStartInfo(Environment.ProcessPath ?? "dotnet")
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardInput = true,
        };
        foreach (var argument in new[]
                 {
                     typeof(HubProcessIngestScenario).Assembly.Location, ChildArgument, broker.Host,
                     broker.Port.ToString(CultureInfo.InvariantCulture), store,
                 })
        {
            info.ArgumentList.Add(argument);
        }

        // The hub's collector (its runtimeconfig sets System.GC.Server; this console bench runs the workstation one).
        info.Environment["DOTNET_gcServer"] = "1";
        return Process.Start(info) ?? throw new InvalidOperationException("the hub process did not start");
    }

    private static async Task<bool> WaitForExitAsync(Process process, TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cancel.Token);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
