using GateSync.Hub.Reconciliation;
using GateSync.Hub.Registrations;
using static GateSync.Hub.Tests.Reconciliation.EngineHarness;

namespace GateSync.Hub.Tests.Reconciliation;

public sealed class RebuildTests
{
    private static readonly string Unregistered = TestPeople.NonLocal(10);
    private static readonly string Settled = TestPeople.NonLocal(11);

    [Fact]
    public void Rebuild_keeps_stored_open_findings_instead_of_opening_duplicates()
    {
        var hub = new EngineHarness();
        hub.AdvanceTo(Local(10));
        var stored = new Finding
        {
            Id = "f-1",
            Type = FindingType.Unregistered,
            IdNumber = Unregistered,
            Name = "张三",
            SiteId = "site-b",
            Since = Local(1),
            OpenedAt = Local(4),
        };

        var changes = hub.Engine.Rebuild(
            [new Sighting(Unregistered, "张三", "site-b", Local(1)), new Sighting(Unregistered, "张三", "site-b", Local(2))],
            [],
            [],
            [stored, stored with { Id = "f-duplicate" }]);

        Assert.Empty(changes);
        Assert.Equal("f-1", Assert.Single(hub.Engine.OpenFindings()).Id);
    }

    [Fact]
    public void Rebuild_resolves_stored_findings_the_data_no_longer_supports_and_raises_new_ones()
    {
        var hub = new EngineHarness();
        hub.AdvanceTo(Local(10));
        var stored = new Finding
        {
            Id = "f-2",
            Type = FindingType.Unregistered,
            IdNumber = Settled,
            Name = "李四",
            SiteId = "site-b",
            Since = Local(1),
            OpenedAt = Local(4),
        };

        var changes = hub.Engine.Rebuild(
            [
                new Sighting(Settled, "李四", "site-b", Local(1)),
                new Sighting(Unregistered, "张三", "site-c", Local(3)),
                new Sighting(Unregistered, "张三", "site-c", Local(4)),
            ],
            [new Registration(Settled, "李四", "site-b", new DateOnly(2026, 3, 2), null, null, null, RegistrationStatus.Active)],
            [new SiteReporting("site-b", Local(1), Local(10))],
            [stored]);

        Assert.Equal(2, changes.Count);
        Assert.Contains(changes, f => f.Id == "f-2" && f.Resolution == FindingResolution.Registered);
        Assert.Contains(changes, f => f.IdNumber == Unregistered && f.Type == FindingType.Unregistered && f.SiteId == "site-c");
    }

    [Fact]
    public void Timer_after_rebuild_picks_up_what_becomes_due()
    {
        var hub = new EngineHarness();
        hub.AdvanceTo(Local(2, 12));
        hub.Engine.Rebuild(
            [new Sighting(Unregistered, "张三", "site-b", Local(1)), new Sighting(Unregistered, "张三", "site-b", Local(2))],
            [],
            [],
            []);

        Assert.Equal(Local(4), hub.Engine.NextDueAt);
        Assert.Single(hub.AdvanceTo(Local(4)));
        Assert.Null(hub.Engine.NextDueAt);
    }

    [Fact]
    public void Presences_lists_non_locals_living_at_a_site_in_the_period()
    {
        var hub = new EngineHarness();
        hub.AdvanceTo(Local(40));
        hub.Engine.Rebuild(
            [
                new Sighting(Unregistered, "张三", "site-b", Local(2)),
                new Sighting(Unregistered, "张三", "site-b", Local(20)),
                new Sighting(Unregistered, "张三", "site-b", Local(22)),
                new Sighting(Settled, "李四", "site-c", Local(1)),
                new Sighting(Settled, "李四", "site-c", Local(2)),
            ],
            [],
            [],
            []);

        var present = Assert.Single(hub.Engine.Presences(Local(40), 30));

        Assert.Equal(Unregistered, present.IdNumber);
        Assert.Equal(Local(2), present.Since);
        Assert.Equal(Local(22), present.LastSeen);
    }

    [Fact]
    public void Settings_that_make_no_sense_are_refused_naming_the_setting()
    {
        var error = Assert.Throws<ArgumentException>(() => new ReconciliationEngine(
            new ReconciliationSettings { AreaCode = "1302", TimeZone = "Mars/Olympus" }, TimeProvider.System));

        Assert.Contains("Hub:District:AreaCode", error.Message, StringComparison.Ordinal);
        Assert.Contains("Hub:District:TimeZone", error.Message, StringComparison.Ordinal);
    }
}
