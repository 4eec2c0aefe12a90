using System.Diagnostics;
using GateSync.Bench.Report;
using GateSync.Bench.Scenarios;
using GateSync.Bench.Support;

namespace GateSync.Bench;

/// <summary>Runs every scenario one after the other (never side by side: they would share two cores), then prints and writes the table.</summary>
public static class BenchRun
{
    public static readonly string[] Scenarios = ["ingest", "drain", "agent", "reconciliation"];

    /// <summary>First argument of the bench run as a child process that starts the hub on a store (<see cref="HubStartScenario"/>).</summary>
    public const string HubStartArgument = "--hub-start";

    public static async Task<int> MainAsync(string[] args)
    {
        if (args.FirstOrDefault() == HubStartArgument && args.Length > 1)
        {
            return await HubStartScenario.MeasureInThisProcessAsync(
                args[1],
                DateTimeOffset.Parse(Value(args, "--written-at")!, System.Globalization.CultureInfo.InvariantCulture),
                int.Parse(Value(args, "--check-ins")!, System.Globalization.CultureInfo.InvariantCulture),
                Value(args, "--part")!,
                Value(args, "--figures")!);
        }

        if (args.FirstOrDefault() == HubProcessIngestScenario.ChildArgument && args.Length > 3)
        {
            return await HubProcessIngestScenario.RunChildAsync(args[1], int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture), args[3]);
        }

        var quick = args.Contains("--quick");
        var output = Value(args, "--out") ?? Path.Combine(Environment.CurrentDirectory, "bench", "results");
        var only = Value(args, "--only")?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) ?? Scenarios;
        if (args.Contains("--help") || only.Except(Scenarios).Any())
        {
            Console.WriteLine($"usage: GateSync.Bench [--quick] [--only {string.Join(',', Scenarios)}] [--out DIR] [--agent-env NAME=VALUE]... [--backlog N]");
            return 2;
        }

        var settings = quick ? BenchSettings.Smoke : BenchSettings.Full;
        if (Value(args, "--backlog") is { } backlog)
        {
            settings = settings with { BacklogCheckIns = int.Parse(backlog, System.Globalization.CultureInfo.InvariantCulture) };
        }
        for (var i = Array.IndexOf(args, "--agent-env"); i >= 0 && i + 1 < args.Length; i = Array.IndexOf(args, "--agent-env", i + 1))
        {
            var (name, value) = (args[i + 1].Split('=', 2)[0], args[i + 1].Split('=', 2).ElementAtOrDefault(1));
            AgentProgram.Environment[name] = value;
            Console.WriteLine($"agent environment: {name}={value}");
        }

        var report = new BenchReport(MachineInfo.Describe(), quick);
        foreach (var (name, value) in AgentProgram.Environment)
        {
            report.Note("Machine", $"the agent ran with {name}={value}");
        }

        foreach (var (key, value) in report.Machine.Lines())
        {
            Console.WriteLine($"{key}: {value}");
        }

        var total = Stopwatch.StartNew();
        using var workspace = new Workspace();
        if (only.Contains("ingest"))
        {
            await RunAsync("Hub ingest", report, async () =>
            {
                RawStoreScenario.Run(settings, report, workspace, 500, hubIndexes: true, "raw-litedb", "Raw LiteDB insert, hub indexes, 500/txn");
                var meanBatch = await HubIngestScenario.RunAsync(settings, report, workspace);
                var ingest = report.Find("hub-ingest")!;
                var raw = report.Find("raw-litedb")!;
                report.Add(ingest with
                {
                    Id = "hub-ingest-vs-raw",
                    Name = "Hub ingest / raw LiteDB",
                    Target = 25_000,
                    BaselineId = raw.Id,
                    Baseline = raw.Value,
                    RatioTarget = 0.7,
                    Note = null,
                });
                var transport = report.Find("ingest-transport")!;
                report.Add(ingest with
                {
                    Id = "hub-ingest-vs-transport",
                    Name = "Hub ingest / ingest transport alone",
                    Target = null,
                    BaselineId = transport.Id,
                    Baseline = transport.Value,
                    Note = null,
                });
                RawStoreScenario.Run(settings, report, workspace, 500, hubIndexes: false, "raw-litedb-id-only", "Raw LiteDB insert, _id index only, 500/txn");
                var batch = Math.Max(1, (int)Math.Round(meanBatch));
                RawStoreScenario.Run(settings, report, workspace, batch, hubIndexes: true, "raw-litedb-ingest-batch", $"Raw LiteDB insert, hub indexes, {batch}/txn (ingest's mean batch)");
            });
        }

        if (only.Contains("drain"))
        {
            await RunAsync("Agent backlog drain", report, () => BacklogDrainScenario.RunAsync(settings, report, workspace));
        }

        if (only.Contains("agent"))
        {
            await RunAsync("Agent at a door", report, () => AgentDoorScenario.RunAsync(settings, report, workspace));
        }

        if (only.Contains("reconciliation"))
        {
            await RunAsync("Reconciliation", report, () =>
            {
                ReconciliationScenario.Run(settings, report, workspace);
                return Task.CompletedTask;
            });
        }

        report.Note("Machine", $"load average (1, 5, 15 min) at the end: {MachineInfo.LoadAverage()}; anything above 0 besides the bench took cores from it.");
        Console.WriteLine();
        Console.WriteLine(report.Table());
        var (json, markdown) = await report.WriteAsync(output);
        Console.WriteLine($"written: {json}");
        Console.WriteLine($"written: {markdown}");
        Console.WriteLine($"total {total.Elapsed.TotalSeconds:0} s");
        return 0;
    }

    private static async Task RunAsync(string name, BenchReport report, Func<Task> scenario)
    {
        Console.WriteLine();
        Console.WriteLine($"== {name}");
        var clock = Stopwatch.StartNew();
        try
        {
            await scenario();
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // One broken scenario must not hide the others' figures.
            report.Failed(name, ex);
        }

        Console.WriteLine($"   ({clock.Elapsed.TotalSeconds:0} s)");
    }

    private static string? Value(string[] args, string name)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
    }
}
