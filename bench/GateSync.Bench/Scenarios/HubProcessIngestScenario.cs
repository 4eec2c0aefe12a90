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

    /// <summary>Set to 1 to have the hub process list the types it allocates most (bench/README.md).</summary>
    public const string AllocationTypesVariable = "GATESYNC_BENCH_ALLOCATION_TYPES";

    public static async Task RunAsync(BenchSettings settings, BenchReport report, Workspace workspace, MosquittoBroker broker, int? mosquittoPid)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(workspace);
        ArgumentNullException.ThrowIfNull(broker);

        using var hub = StartChild(broker, workspace.Directory("hub-ingest-own-process"));
        // Stored check-ins, bytes allocated and milliseconds of GC pause in the hub process, as it last reported them.
        var counters = new long[3];
        var ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        hub.OutputDataReceived += (_, line) =>
        {
            if (line.Data?.StartsWith(StoredLine, StringComparison.Ordinal) == true)
            {
                var values = line.Data[StoredLine.Length..].Split(' ');
                for (var i = values.Length - 1; i >= 0; i--)
                {
                    Volatile.Write(ref counters[i], long.Parse(values[i], CultureInfo.InvariantCulture));
                }
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

        long Stored() => Volatile.Read(ref counters[0]);
        (long Allocated, long PauseMs) Gc() => (Volatile.Read(ref counters[1]), Volatile.Read(ref counters[2]));
        double rate, hubCpuSeconds, cpuPerCheckIn, transportPerCheckIn, bytesPerCheckIn, pauseShare;
        string cpuText;
        await using (var publishers = await IngestPublishers.StartAsync(broker, AgentPrefix, Stored))
        {
            await Task.Delay(settings.IngestWarmup);
            var (start, gcStart) = (Stored(), Gc());
            const string HubProcess = "hub process", Publishers = "bench process (publishers)", Broker = "mosquitto";
            var cpu = new CpuWindow((HubProcess, hub.Id), (Publishers, Environment.ProcessId), (Broker, mosquittoPid));
            var clock = Stopwatch.StartNew();
            await Task.Delay(settings.IngestSustained);
            var (end, elapsed, gcEnd) = (Stored(), clock.Elapsed.TotalSeconds, Gc());
            hubCpuSeconds = cpu.CpuSeconds(HubProcess);
            cpuText = cpu.Describe();
            rate = (end - start) / elapsed;
            cpuPerCheckIn = hubCpuSeconds * 1e6 / Math.Max(1, end - start);
            transportPerCheckIn = (cpu.CpuSeconds(Publishers) + cpu.CpuSeconds(Broker)) * 1e6 / Math.Max(1, end - start);
            bytesPerCheckIn = (double)(gcEnd.Allocated - gcStart.Allocated) / Math.Max(1, end - start);
            pauseShare = (gcEnd.PauseMs - gcStart.PauseMs) / 1000.0 / elapsed;
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
        report.Add(new Figure
        {
            Id = "ingest-transport-cpu",
            Name = "Publishers' and Mosquitto's CPU per stored check-in, in the same window",
            Value = transportPerCheckIn,
            Unit = "us",
            Better = Better.Lower,
            Note = "the rest of each check-in's cost on this machine, outside the hub.",
        });
        var ceiling = Environment.ProcessorCount * 1e6 / (cpuPerCheckIn + transportPerCheckIn);
        report.Add(new Figure
        {
            Id = "hub-ingest-ceiling",
            Name = "Ceiling on this machine: all its cores over the hub's and the transport's CPU per check-in",
            Value = ceiling,
            Unit = "check-ins/s",
            Note = $"{Environment.ProcessorCount} cores x 1 s / ({cpuPerCheckIn:0} + {transportPerCheckIn:0} us). With the transport's cost as it is here, " +
                   $"25,000/s would leave the hub {Math.Max(0, Environment.ProcessorCount * 1e6 / 25_000 - transportPerCheckIn):0} us per check-in.",
        });
        report.Add(new Figure
        {
            Id = "hub-ingest-allocation",
            Name = "Hub allocation per stored check-in (its own process)",
            Value = bytesPerCheckIn / 1024,
            Unit = "KiB",
            Better = Better.Lower,
            Note = $"what the collector has to clear; the hub's threads were paused for it {pauseShare:P1} of the sustained window. " +
                   $"{AllocationTypesVariable}=1 lists the types behind it.",
        });
    }

    /// <summary>
    /// The child's side (<c>--ingest-hub host port store</c>): the hub subscribed at the broker, its stored count on stdout
    /// every 50 ms, until stdin closes.
    /// </summary>
    public static async Task<int> RunChildAsync(string brokerHost, int brokerPort, string store)
    {
        // Off unless asked for: listening to the runtime's allocation events costs the hub some of its throughput.
        using var allocations = Environment.GetEnvironmentVariable(AllocationTypesVariable) == "1" ? new AllocationSampler() : null;
        await using var hub = await InProcessHub.StartAsync(brokerHost, brokerPort, store, clientId: "gatesync-hub-bench-own-process");
        allocations?.Reset();
        Console.WriteLine(ReadyLine);
        var stdinClosed = Task.Run(() => Console.In.ReadToEnd());
        while (!stdinClosed.IsCompleted)
        {
            Console.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"{StoredLine}{hub.Counter.Stored} {GC.GetTotalAllocatedBytes()} {(long)GC.GetTotalPauseDuration().TotalMilliseconds}"));
            await Task.WhenAny(stdinClosed, Task.Delay(50));
        }

        foreach (var (type, share) in allocations?.Top(15) ?? [])
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"allocated: {share,6:P1} {type}"));
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

        // The hub's runtime settings, as its runtimeconfig sets them (src/Hub/GateSync.Hub.csproj): the server collector,
        // and idle pool threads that wait without spinning. The thread-pool one is not this bench's own, whose baselines
        // are measured with the runtime's defaults.
        info.Environment["DOTNET_gcServer"] = "1";
        info.Environment["DOTNET_ThreadPool_UnfairSemaphoreSpinLimit"] = "0";
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
