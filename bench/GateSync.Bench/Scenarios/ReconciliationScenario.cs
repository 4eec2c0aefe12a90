using System.Diagnostics;
using GateSync.Bench.Report;
using GateSync.Bench.Support;
using GateSync.Hub;
using GateSync.Hub.Findings;
using GateSync.Hub.Reconciliation;
using GateSync.Hub.Registrations;
using GateSync.Hub.Storage;
using GateSync.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace GateSync.Bench.Scenarios;

/// <summary>
/// Reconciliation at district scale: a full rebuild of the engine over 60,000 registrations and 2,000,000 generated
/// check-ins, the cost of one more check-in afterwards, and the real hub started on a store holding those check-ins
/// (<see cref="HubStartScenario"/>): how soon it serves, and how long its rebuild in the background takes.
/// </summary>
public static class ReconciliationScenario
{
    public const string Section = "Reconciliation";

    private const int Sites = 600;
    private static readonly string[] Elsewhere = ["410522", "510104", "370102", "340102", "420102", "230102", "130202", "130283"];

    public static void Run(BenchSettings settings, BenchReport report, Workspace workspace)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(workspace);
        var now = DateTimeOffset.UtcNow;
        var generate = Stopwatch.StartNew();
        var district = District.Generate(settings.Registrations, settings.RebuildCheckIns, now);
        report.Note(Section,
            $"generated in {generate.Elapsed.TotalSeconds:0.0} s: {district.Registrations.Count:N0} registrations at {Sites} sites, {district.People:N0} people " +
            $"({district.Registrations.Count:N0} registered, the rest from elsewhere without a registration, 5% locals), {district.Sightings.Length:N0} check-ins over 30 days, " +
            "5% of them away from the person's own site, in store order (by site, then time).");

        var engine = new ReconciliationEngine(new ReconciliationSettings { AreaCode = SyntheticPeople.AreaCode }, TimeProvider.System);
        var reporting = Enumerable.Range(0, Sites).Select(s => new SiteReporting(SiteName(s), now.AddDays(-60), now)).ToList();
        GC.Collect();
        var rebuild = Stopwatch.StartNew();
        var changes = engine.Rebuild(district.Sightings, district.Registrations, reporting, []);
        var engineSeconds = rebuild.Elapsed.TotalSeconds;

        // Storing what the rebuild opened, into a hub store as Reconciler.RebuildAsync does.
        var save = Stopwatch.StartNew();
        using (var database = new HubDatabase(Options.Create(new HubOptions { DataDirectory = workspace.Directory("findings") }), NullLogger<HubDatabase>.Instance))
        {
            new FindingStore(database).Save(changes);
        }

        var saveSeconds = save.Elapsed.TotalSeconds;

        // One more check-in at a time, and in ingest's batches, over the rebuilt state.
        var random = new Random(5);
        var fresh = Enumerable.Range(0, settings.IncrementalCheckIns).Select(_ => district.Sightings[random.Next(district.Sightings.Length)] with { OccurredAt = now }).ToArray();
        var batched = Stopwatch.StartNew();
        foreach (var chunk in fresh.Chunk(500))
        {
            engine.RecordSightings(chunk);
        }

        var perCheckInBatched = batched.Elapsed.TotalMilliseconds / fresh.Length;
        var single = Stopwatch.StartNew();
        foreach (var sighting in fresh.Take(5_000))
        {
            engine.RecordSighting(sighting with { OccurredAt = now.AddSeconds(1) });
        }

        var perCheckInSingle = single.Elapsed.TotalMilliseconds / Math.Min(5_000, fresh.Length);

        report.Add(new Figure
        {
            Id = "rebuild-engine",
            Name = $"Reconciliation rebuild, engine ({settings.Registrations:N0} reg., {settings.RebuildCheckIns:N0} check-ins)",
            Value = engineSeconds,
            Unit = "s",
            Better = Better.Lower,
            Target = 5,
            Note = $"ReconciliationEngine.Rebuild over the generated roll and check-ins held in memory; {changes.Count:N0} findings opened " +
                   $"(storing them: {saveSeconds:0.0} s, measured into a fresh hub store).",
        });

        HubStartScenario.Run(report, workspace, district.Registrations, district.Sightings);

        report.Add(new Figure
        {
            Id = "reconcile-per-checkin",
            Name = "Reconciliation, incremental cost per check-in (batches of 500)",
            Value = perCheckInBatched,
            Unit = "ms",
            Better = Better.Lower,
            Target = 1,
            Note = $"ReconciliationEngine.RecordSightings over the rebuilt state, {fresh.Length:N0} check-ins of known people in batches of 500 (as the ingest feed hands them over); " +
                   $"one at a time (RecordSighting): {perCheckInSingle:0.000} ms each. Storing the findings it changes is not included (few per batch).",
        });
    }

    private static string SiteName(int site) => $"site-{site:000}";

    internal sealed record District(List<Registration> Registrations, Sighting[] Sightings, int People)
    {
        public static District Generate(int registered, int checkIns, DateTimeOffset now)
        {
            var random = new Random(2024);
            var unregistered = registered / 4;
            var locals = (registered + unregistered) / 19;
            var total = registered + unregistered + locals;
            var people = new (string IdNumber, string Name, string Site)[total];
            for (var i = 0; i < total; i++)
            {
                var division = i >= registered + unregistered ? SyntheticPeople.AreaCode : Elsewhere[i % Elsewhere.Length];
                var birth = new DateOnly(1960, 1, 1).AddDays(i / 1000 % 16000);
                var idNumber = TestCards.MakeIdNumber(division, birth, i % 1000);
                people[i] = (idNumber, $"人员{i}", SiteName(random.Next(Sites)));
            }

            var today = DateOnly.FromDateTime(now.UtcDateTime);
            var registrations = people.Take(registered)
                .Select(p => new Registration(p.IdNumber, p.Name, p.Site, today.AddDays(-90), null, null, null, RegistrationStatus.Active))
                .ToList();
            var sightings = new Sighting[checkIns];
            for (var j = 0; j < checkIns; j++)
            {
                var person = people[random.Next(total)];
                var site = random.NextDouble() < 0.05 ? SiteName(random.Next(Sites)) : person.Site;
                sightings[j] = new Sighting(person.IdNumber, person.Name, site, now.AddSeconds(-random.Next(30 * 24 * 3600)));
            }

            Array.Sort(sightings, (a, b) =>
            {
                var bySite = string.CompareOrdinal(a.SiteId, b.SiteId);
                return bySite != 0 ? bySite : a.OccurredAt.CompareTo(b.OccurredAt);
            });
            return new District(registrations, sightings, total);
        }
    }
}
