using GateSync.Hub.Reconciliation;
using GateSync.Hub.Registrations;
using static GateSync.Hub.Tests.Reconciliation.EngineHarness;

namespace GateSync.Hub.Tests.Reconciliation;

/// <summary>
/// An engine started from its saved sightings (and the check-ins stored since) must judge exactly as one rebuilt from
/// every stored check-in: same findings, same presences.
/// </summary>
public sealed class SavedSightingsTests
{
    private static readonly Registration[] Roll =
    [
        new(TestPeople.NonLocal(1), "王五", "site-a", new DateOnly(2026, 1, 1), null, null, null, RegistrationStatus.Active),
        new(TestPeople.NonLocal(2), "赵六", "site-z", new DateOnly(2026, 1, 1), null, null, null, RegistrationStatus.Active),
    ];

    [Fact]
    public void Saved_state_plus_the_check_ins_since_judges_as_a_rebuild_from_every_check_in()
    {
        var all = Sightings().ToList();
        var (before, since) = (all.Take(all.Count / 2).ToList(), all.Skip(all.Count / 2).ToList());

        var live = new EngineHarness();
        live.AdvanceTo(Local(12));
        live.Engine.Rebuild(before, Roll, [], []);
        var saved = Save(live.Engine, keepFrom: null);

        var restored = new EngineHarness();
        restored.AdvanceTo(Local(12));
        restored.Engine.Rebuild(since, Roll, [], [], Read(saved));

        var rebuilt = new EngineHarness();
        rebuilt.AdvanceTo(Local(12));
        rebuilt.Engine.Rebuild(all, Roll, [], []);

        Assert.NotEmpty(Findings(rebuilt.Engine));
        Assert.Equal(Findings(rebuilt.Engine), Findings(restored.Engine));
        Assert.Equal(Presences(rebuilt.Engine), Presences(restored.Engine));
    }

    [Fact]
    public void Days_past_retention_are_not_saved()
    {
        var engine = new EngineHarness();
        engine.AdvanceTo(Local(12));
        engine.Engine.Rebuild(Sightings(), [], [], []);

        var persons = Read(Save(engine.Engine, keepFrom: Local(6, 0))).ToList();

        var days = persons.SelectMany(p => p.Sites).SelectMany(s => s.Days).ToList();
        Assert.NotEmpty(days);
        Assert.All(days, d => Assert.True(d.Last >= Local(6, 0), $"{d.Day} kept"));

        // Someone seen only before then is not in the saved state at all.
        Assert.DoesNotContain(persons, p => p.IdNumber == TestPeople.NonLocal(9));
    }

    [Fact]
    public void A_saved_state_cut_short_is_refused_rather_than_taken_for_a_whole_one()
    {
        var engine = new EngineHarness();
        engine.Engine.Rebuild(Sightings(), [], [], []);
        var saved = Save(engine.Engine, keepFrom: null);

        using var cut = new MemoryStream(saved[..(saved.Length / 2)]);
        using var reader = EngineSnapshot.Reader(cut);
        Assert.Throws<EndOfStreamException>(() => SightingStateFormat.Read(reader).ToList());
    }

    /// <summary>Lodgers, a mover between sites, a registered worker, one seen only early, a local; swipes at odd minutes.</summary>
    private static IEnumerable<Sighting> Sightings()
    {
        for (var day = 1; day <= 10; day++)
        {
            yield return new Sighting(TestPeople.NonLocal(1), "王五", "site-a", Local(day, 7, day));
            yield return new Sighting(TestPeople.NonLocal(1), "王五", "site-a", Local(day, 19, 30 + day));
            yield return new Sighting(TestPeople.NonLocal(3), "孙七", day <= 5 ? "site-b" : "site-c", Local(day, 8));
            yield return new Sighting(TestPeople.NonLocal(4), "周八", "site-b", Local(day, 22, 59));
            yield return new Sighting(TestPeople.Local(5), "本地人", "site-b", Local(day, 9));
        }

        yield return new Sighting(TestPeople.NonLocal(9), "吴九", "site-d", Local(2, 10));
        yield return new Sighting(TestPeople.NonLocal(9), "吴九", "site-d", Local(3, 10));
    }

    private static byte[] Save(ReconciliationEngine engine, DateTimeOffset? keepFrom)
    {
        using var stream = new MemoryStream();
        using (var writer = EngineSnapshot.Writer(stream))
        {
            engine.WriteSightings(writer, keepFrom);
        }

        return stream.ToArray();
    }

    private static IEnumerable<PersonSightings> Read(byte[] saved)
    {
        using var reader = EngineSnapshot.Reader(new MemoryStream(saved));
        foreach (var person in SightingStateFormat.Read(reader))
        {
            yield return person;
        }
    }

    // Instants compared in UTC: a saved state keeps the instant, not the agent's offset (as the sighting key does).
    private static List<string> Findings(ReconciliationEngine engine) =>
        [.. engine.OpenFindings().Select(f => $"{f.Type} {f.IdNumber} {f.SiteId} {f.Since.UtcDateTime:O} {f.Name}").Order(StringComparer.Ordinal)];

    private static List<string> Presences(ReconciliationEngine engine) =>
        [.. engine.Presences(Local(12), 30).Select(p => $"{p.IdNumber} {p.Name} {p.SiteId} {p.Since.UtcDateTime:O} {p.LastSeen.UtcDateTime:O}").Order(StringComparer.Ordinal)];
}
