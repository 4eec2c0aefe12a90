using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json;
using GateSync.Bench.Report;
using GateSync.Bench.Support;
using GateSync.Contracts.Wire;
using GateSync.Hub;
using GateSync.Hub.Reconciliation;
using GateSync.Hub.Registrations;
using GateSync.Hub.Storage;
using GateSync.Testing.Processes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace GateSync.Bench.Scenarios;

/// <summary>
/// The real hub (<see cref="HubApp.Build"/>, embedded broker) started on a store holding the district's roll and
/// check-ins: how soon it serves, and how long the rebuild it runs in the background takes (as its health reports it).
/// </summary>
/// <remarks>
/// Writing two million check-ins into LiteDB takes minutes, so the store is kept between runs in the system's temp
/// folder (one per size; delete it to write it again). The hub's clock is set back to when the store was written, so
/// a kept store is judged as on the day it was made. The hub only ever runs on a copy, so the kept store holds no finding.
/// </remarks>
internal static class HubStartScenario
{
    private const string Section = ReconciliationScenario.Section;

    /// <summary>
    /// Each in a fresh process, one after the other on the same copy: a first start (no finding stored yet and no saved
    /// engine state: the worst case, every check-in read and every finding opened and saved by the rebuild), a restart
    /// (the usual one: from the engine state the first start saved, findings stored; a process of its own, as a restarted
    /// hub starts with nothing compiled or cached), a restart after a crash (check-ins stored since the state was saved),
    /// a restart without a saved state (as after an upgrade from a hub that saved none), and the store read alone.
    /// </summary>
    private static readonly string[] Parts = ["first", "restart", "crash", "unsaved", "reads"];

    /// <summary>Check-ins stored after the state was saved, for the crash part: some seven hours of a district's swipes.</summary>
    private const int StoredSinceSaved = 20_000;

    public static void Run(BenchReport report, Workspace workspace, IReadOnlyList<Registration> registrations, Sighting[] sightings)
    {
        // v3: check-ins carry their sighting key (v2 files are converted by the hub when opened, which a bench would time).
        var store = Path.Combine(Path.GetTempPath(), "gatesync-bench-cache", $"reconciliation-{registrations.Count}-{sightings.Length}-v3");
        var writtenAt = KeptStore(store, registrations, sightings, report);

        // On a copy, so every run starts as the first did: check-ins and roll stored, no finding yet.
        var copy = workspace.Directory("hub-start");
        File.Copy(Path.Combine(store, HubDatabase.FileName), Path.Combine(copy, HubDatabase.FileName));
        foreach (var part in Parts)
        {
            var figures = Path.Combine(copy, $"figures-{part}.json");
            RunChild(copy, writtenAt, sightings.Length, part, figures);
            foreach (var figure in JsonSerializer.Deserialize<Figure[]>(File.ReadAllText(figures)) ?? [])
            {
                report.Add(figure, echo: false); // the child printed it
            }
        }
    }

    /// <summary>
    /// The child's side (<c>--hub-start</c>, see <see cref="BenchRun"/>): one of <see cref="Parts"/>, its figures written
    /// to <paramref name="figuresPath"/>.
    /// </summary>
    public static async Task<int> MeasureInThisProcessAsync(string store, DateTimeOffset writtenAt, int checkIns, string part, string figuresPath)
    {
        var report = new BenchReport(MachineInfo.Describe(), quick: false);
        switch (part)
        {
            case "first":
                await MeasureAsync(store, writtenAt, checkIns, report, "first start, no finding stored yet", string.Empty);
                break;
            case "restart":
                await MeasureAsync(store, writtenAt, checkIns, report, "restart, from the state saved at the stop", "-restart");
                break;
            case "crash":
                StoreSinceSaved(store, writtenAt);
                await MeasureAsync(store, writtenAt, checkIns, report, $"restart after a crash, {StoredSinceSaved:N0} check-ins stored since the saved state", "-crash");
                break;
            case "unsaved":
                using (var database = Open(store))
                {
                    new EngineStateStore(database).Clear();
                }

                await MeasureAsync(store, writtenAt, checkIns, report, "restart without a saved state, findings stored", "-unsaved");
                break;
            case "reads":
                MeasureReads(store, report);
                break;
            default:
                throw new ArgumentException($"no part '{part}' of the hub start; one of {string.Join(", ", Parts)}", nameof(part));
        }

        await File.WriteAllTextAsync(figuresPath, JsonSerializer.Serialize(report.Figures));
        return 0;
    }

    /// <summary>
    /// The hub starts in a process of its own, as it runs in a district: without the generated district this process
    /// holds (two million sightings that every full collection would mark again), and with the hub's own collector
    /// (its runtimeconfig, from the Web SDK, sets System.GC.Server; this console bench runs the workstation collector).
    /// </summary>
    private static void RunChild(string store, DateTimeOffset writtenAt, int checkIns, string part, string figures)
    {
        var info = new ProcessStartInfo(Environment.ProcessPath ?? "dotnet") { UseShellExecute = false };
        foreach (var argument in new[]
                 {
                     typeof(HubStartScenario).Assembly.Location, BenchRun.HubStartArgument, store,
                     "--written-at", writtenAt.ToString("O", CultureInfo.InvariantCulture),
                     "--check-ins", checkIns.ToString(CultureInfo.InvariantCulture),
                     "--part", part,
                     "--figures", figures,
                 })
        {
            info.ArgumentList.Add(argument);
        }

        info.Environment["DOTNET_gcServer"] = "1";
        using var child = Process.Start(info) ?? throw new InvalidOperationException("the hub-start process did not start");
        if (!child.WaitForExit(TimeSpan.FromMinutes(10)))
        {
            child.Kill(entireProcessTree: true);
            throw new TimeoutException("the hub-start process ran over 10 minutes");
        }

        if (child.ExitCode != 0)
        {
            throw new InvalidOperationException($"the hub-start process exited with {child.ExitCode} (its output is above)");
        }
    }

    /// <summary>The store read alone, as the rebuild does it now and as it did before (one query in <c>_id</c> order), same file.</summary>
    private static void MeasureReads(string store, BenchReport report)
    {
        using var database = Open(store);
        var readers = Math.Clamp(Environment.ProcessorCount, 1, 4);
        var now = Stopwatch.StartNew();
        var count = StoredSightings.Read(database, readers).LongCount();
        var nowSeconds = now.Elapsed.TotalSeconds;

        var before = Stopwatch.StartNew();
        var beforeCount = database.Database.GetCollection(HubDatabase.CheckInsCollection).Query()
            .Select("{IdNumber: $.IdNumber, Name: $.Name, SiteId: $.SiteId, OccurredAt: $.OccurredAt}").ToEnumerable().LongCount();
        var beforeSeconds = before.Elapsed.TotalSeconds;
        if (beforeCount != count)
        {
            throw new InvalidOperationException($"the rebuild's read gave {count:N0} check-ins, one query over the store {beforeCount:N0}");
        }

        report.Add(new Figure
        {
            Id = "rebuild-store-read-before",
            Name = "Rebuild's store read as before: one query in _id order",
            Value = count / beforeSeconds,
            Unit = "check-ins/s",
            Note = $"{count:N0} check-ins in {beforeSeconds:0.0} s (raw BSON, the four fields), on the same file after the hub stopped.",
        });
        report.Add(new Figure
        {
            Id = "rebuild-store-read",
            Name = $"Rebuild's store read: day windows of the sighting key's index, keys only, {readers} reader threads",
            Value = count / nowSeconds,
            Unit = "check-ins/s",
            BaselineId = "rebuild-store-read-before",
            Baseline = count / beforeSeconds,
            Note = $"StoredSightings.Read alone (no engine): {count:N0} check-ins in {nowSeconds:0.0} s; the same count as one query over the store.",
        });
    }

    private static async Task MeasureAsync(string store, DateTimeOffset writtenAt, int checkIns, BenchReport report, string which, string idSuffix)
    {
        var time = new ShiftedTime(writtenAt - DateTimeOffset.UtcNow);
        string[] args =
        [
            "--urls", "http://127.0.0.1:0",
            "--Hub:DataDirectory", store,
            "--Hub:Auth:BootstrapAdminToken", InProcessHub.AdminToken,
            "--Hub:Mqtt:Mode", "Embedded",
            "--Hub:Mqtt:Embedded:Port", FreeTcpPort.Next().ToString(CultureInfo.InvariantCulture),
            "--Hub:Mqtt:Embedded:BindAddress", "127.0.0.1",
            "--Hub:District:AreaCode", SyntheticPeople.AreaCode,
            "--Hub:District:TimeZone", "Asia/Shanghai",
            "--Logging:LogLevel:Default", "Warning",
            "--Logging:LogLevel:Microsoft.Hosting.Lifetime", "Warning",
            // The rebuild's own lines (start, progress, done with its seconds; the state saved) go to the bench's output.
            "--Logging:LogLevel:GateSync.Hub.Reconciliation", "Information",
        ];

        GC.Collect();
        var (pausedBefore, fullBefore) = (GC.GetTotalPauseDuration(), GC.CollectionCount(2));
        var clock = Stopwatch.StartNew();
        var app = HubApp.Build(args, builder => builder.Services.AddSingleton<TimeProvider>(time));
        await app.StartAsync();
        var started = clock.Elapsed;
        using var http = new HttpClient { BaseAddress = new Uri(app.Urls.First()), Timeout = TimeSpan.FromSeconds(60) };
        http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", InProcessHub.AdminToken);
        try
        {
            while (true)
            {
                using var response = await http.GetAsync(new Uri("/api/health", UriKind.Relative));
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    break;
                }

                await Task.Delay(20);
            }

            var serving = clock.Elapsed;
            var health = await ReconciliationAsync(http);
            var findingsClock = Stopwatch.StartNew();
            using (var findings = await http.GetAsync(new Uri("/api/findings?status=open", UriKind.Relative)))
            {
                findings.EnsureSuccessStatusCode();
            }

            var findingsMs = findingsClock.Elapsed.TotalMilliseconds;
            var stateWhenServing = health.GetProperty("state").GetString();
            var readWhenServing = health.GetProperty("checkInsRead").GetInt64();

            while (!health.GetProperty("isCurrent").GetBoolean())
            {
                await Task.Delay(100);
                health = await ReconciliationAsync(http);
                if (health.GetProperty("state").GetString() == "failed")
                {
                    throw new InvalidOperationException($"the rebuild at start failed: {health}");
                }
            }

            var current = clock.Elapsed;
            var (paused, full) = (GC.GetTotalPauseDuration() - pausedBefore, GC.CollectionCount(2) - fullBefore);
            var rebuild = (health.GetProperty("lastRebuiltAt").GetDateTimeOffset() - health.GetProperty("startedAt").GetDateTimeOffset()).TotalSeconds;
            var read = health.GetProperty("checkInsRead").GetInt64();
            report.Add(new Figure
            {
                Id = "hub-start-serving" + idSuffix,
                Name = $"Hub start on {checkIns:N0} stored check-ins ({which}), until the API serves",
                Value = serving.TotalSeconds,
                Unit = "s",
                Better = Better.Lower,
                Note = $"HubApp.Build and StartAsync {started.TotalSeconds:0.00} s, then GET /api/health 200; GET /api/health/reconciliation then said '{stateWhenServing}' " +
                       $"({readWhenServing:N0} read); GET /api/findings?status=open during the rebuild took {findingsMs:0} ms.",
            });
            report.Add(new Figure
            {
                Id = "rebuild-at-start" + idSuffix,
                Name = $"Reconciliation rebuild at hub start ({which}), in the background (store read + engine + findings saved)",
                Value = rebuild,
                Unit = "s",
                Better = Better.Lower,
                Target = 5,
                Note = $"from the hub's own report, GET /api/health/reconciliation (startedAt to lastRebuiltAt): {read:N0} check-ins read with {Math.Clamp(Environment.ProcessorCount, 1, 4)} reader threads; " +
                       $"findings current {current.TotalSeconds:0.0} s after the start began (polled every 100 ms); peak RSS of the hub's process " +
                       $"{PeakRssMiB():0} MiB; server GC as the hub runs, paused {paused.TotalSeconds:0.0} s in all, {full} full collections.",
            });
        }
        finally
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            await app.StopAsync(timeout.Token);
            await app.DisposeAsync();
        }
    }

    private static async Task<JsonElement> ReconciliationAsync(HttpClient http)
    {
        using var response = await http.GetAsync(new Uri("/api/health/reconciliation", UriKind.Relative));
        response.EnsureSuccessStatusCode();
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }

    /// <summary>The kept store, written if missing; when it was written (the check-ins' times are relative to it).</summary>
    private static DateTimeOffset KeptStore(string store, IReadOnlyList<Registration> registrations, Sighting[] sightings, BenchReport report)
    {
        var stamp = Path.Combine(store, "written-at.txt");
        if (File.Exists(stamp))
        {
            var writtenAt = DateTimeOffset.Parse(File.ReadAllText(stamp).Trim(), CultureInfo.InvariantCulture);
            report.Note(Section, $"hub store kept from {writtenAt:yyyy-MM-dd HH:mm} UTC in {store}; the hub's clock set back to then.");

            // Opened once untimed: a store of an older format is converted here, not inside the start measured below.
            using var _ = Open(store);
            return writtenAt;
        }

        Directory.CreateDirectory(store);
        var now = DateTimeOffset.UtcNow;
        var clock = Stopwatch.StartNew();
        using (var database = Open(store))
        {
            new RegistrationRoll(database).Upsert(registrations);

            // In the order ingest would have stored them: by time across all sites, one agent per site numbering its own.
            var seqs = new Dictionary<string, long>(StringComparer.Ordinal);
            var inArrivalOrder = sightings.OrderBy(s => s.OccurredAt).Select(s =>
            {
                var agent = "agent-" + s.SiteId;
                var seq = seqs[agent] = seqs.GetValueOrDefault(agent) + 1;
                return new CheckInDocument
                {
                    Id = CheckInDocument.KeyOf(agent, seq),
                    AgentId = agent,
                    SiteId = s.SiteId,
                    Seq = seq,
                    ReaderId = "sam-1",
                    Direction = Direction.In,
                    OccurredAt = s.OccurredAt.ToUniversalTime(),
                    OccurredAtOffsetMinutes = 480,
                    ReceivedAt = s.OccurredAt.AddSeconds(2).ToUniversalTime(),
                    Access = AccessDecision.Recorded,
                    CardType = CardType.Resident,
                    IdNumber = s.IdNumber,
                    Name = s.Name,
                    Gender = Gender.Male,
                    BirthDate = new DateOnly(1990, 1, 1),
                    Address = "河北省唐山市丰润区幸福道12号",
                    Issuer = "唐山市公安局丰润分局",
                    ValidFrom = new DateOnly(2020, 1, 1),
                    ValidTo = new DateOnly(2040, 1, 1),
                };
            });
            database.CheckIns.InsertBulk(inArrivalOrder, 20_000);
        }

        File.WriteAllText(stamp, now.ToString("O", CultureInfo.InvariantCulture));
        report.Note(Section, $"hub store written in {clock.Elapsed.TotalSeconds:0} s to {store} (kept for later runs).");
        return now;
    }

    /// <summary>
    /// Check-ins committed as ingest commits them (with the agent's ledger) while no hub judges them: what a crash leaves
    /// between the last saved state and the stop. One agent's, at the sites' people, on the store's last day.
    /// </summary>
    private static void StoreSinceSaved(string store, DateTimeOffset writtenAt)
    {
        using var database = Open(store);
        var ids = database.CheckInDocuments.Query().Select("$.IdNumber").Limit(StoredSinceSaved).ToEnumerable().Select(d => d["IdNumber"].AsString).ToList();
        var checkIns = ids.Select((idNumber, i) => ContractCheckIn(idNumber, seq: i + 1, writtenAt.AddMinutes(-1 - (i / 100)))).ToList();
        var writer = new CheckInStore(database, NullLogger<CheckInStore>.Instance);
        foreach (var batch in checkIns.Chunk(500))
        {
            writer.Commit(new IngestBatch(batch, [], [], writtenAt));
        }
    }

    private static CheckIn ContractCheckIn(string idNumber, long seq, DateTimeOffset at) => new()
    {
        SiteId = "site-crash",
        AgentId = "agent-crash",
        Seq = seq,
        ReaderId = "sam-1",
        Direction = Direction.In,
        OccurredAt = at.ToOffset(TimeSpan.FromHours(8)),
        Access = AccessDecision.Recorded,
        Card = new CardData { Type = CardType.Resident, IdNumber = idNumber, Name = "张三" },
    };

    private static HubDatabase Open(string store) =>
        new(Options.Create(new HubOptions { DataDirectory = store }), NullLogger<HubDatabase>.Instance);

    private static double PeakRssMiB()
    {
        var line = File.ReadLines("/proc/self/status").FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
        return line is null ? double.NaN : double.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024;
    }

    /// <summary>The system clock, set back by a fixed amount.</summary>
    private sealed class ShiftedTime(TimeSpan shift) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => base.GetUtcNow() + shift;
    }
}
