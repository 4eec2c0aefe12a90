using GateSync.Hub.Reconciliation;
using GateSync.Hub.Registrations;
using static GateSync.Hub.Tests.Reconciliation.EngineHarness;

namespace GateSync.Hub.Tests.Reconciliation;

public sealed class UnregisteredRuleTests
{
    private static readonly string Person = TestPeople.NonLocal(1);

    [Fact]
    public void Present_person_without_registration_is_raised_when_the_grace_ends_and_not_a_minute_before()
    {
        var hub = new EngineHarness();
        hub.SeeLive(Person, "site-b", Local(1, 9));
        hub.SeeLive(Person, "site-b", Local(2, 9));

        Assert.Empty(hub.AdvanceTo(Local(4, 8, 59)));
        Assert.Equal(Local(4, 9), hub.Engine.NextDueAt);

        var opened = Assert.Single(hub.AdvanceTo(Local(4, 9)));
        Assert.Equal(FindingType.Unregistered, opened.Type);
        Assert.Equal(FindingStatus.Open, opened.Status);
        Assert.Equal(Person, opened.IdNumber);
        Assert.Equal("张三", opened.Name);
        Assert.Equal("site-b", opened.SiteId);
        Assert.Equal(Local(1, 9), opened.Since);
        Assert.Equal(Local(4, 9), opened.OpenedAt);
        Assert.Null(opened.ResolvedAt);
    }

    [Fact]
    public void Further_check_ins_do_not_open_a_second_finding_for_the_same_site()
    {
        var hub = new EngineHarness();
        for (var day = 1; day <= 20; day++)
        {
            hub.SeeLive(Person, "site-b", Local(day));
        }

        Assert.Single(hub.Changes);
        Assert.Single(hub.Open());
    }

    [Fact]
    public void An_active_registration_resolves_it_and_the_finding_is_kept()
    {
        var hub = new EngineHarness();
        hub.SeeLive(Person, "site-b", Local(1));
        hub.SeeLive(Person, "site-b", Local(2));
        var opened = Assert.Single(hub.AdvanceTo(Local(5)));

        hub.AdvanceTo(Local(6, 10));
        var resolved = Assert.Single(hub.Register(Person, "site-b"));

        Assert.Equal(opened.Id, resolved.Id);
        Assert.Equal(FindingStatus.Resolved, resolved.Status);
        Assert.Equal(Local(6, 10), resolved.ResolvedAt);
        Assert.Equal(FindingResolution.Registered, resolved.Resolution);
        Assert.Equal(opened.Since, resolved.Since);
        Assert.Empty(hub.Open());
    }

    [Fact]
    public void A_registration_at_another_site_still_resolves_it_because_any_active_registration_counts()
    {
        var hub = new EngineHarness();
        hub.SeeLive(Person, "site-b", Local(1));
        hub.SeeLive(Person, "site-b", Local(2));
        hub.AdvanceTo(Local(5));

        var changes = hub.Register(Person, "site-a");

        Assert.Contains(changes, f => f.Type == FindingType.Unregistered && f.Resolution == FindingResolution.Registered);
    }

    [Fact]
    public void A_cancelled_registration_is_no_registration()
    {
        var hub = new EngineHarness();
        hub.Register(Person, "site-b", RegistrationStatus.Cancelled);
        hub.SeeLive(Person, "site-b", Local(1));
        hub.SeeLive(Person, "site-b", Local(2));
        hub.AdvanceTo(Local(5));

        Assert.Equal(FindingType.Unregistered, Assert.Single(hub.Open()).Type);
    }

    [Fact]
    public void A_registration_that_runs_out_raises_it_on_the_timer()
    {
        var hub = new EngineHarness();
        hub.Register(Person, "site-b", validUntil: new DateOnly(2026, 3, 10));
        for (var day = 1; day <= 10; day++)
        {
            hub.SeeLive(Person, "site-b", Local(day));
        }

        Assert.Empty(hub.Changes);
        Assert.Empty(hub.AdvanceTo(Local(10, 23, 59)));

        var opened = Assert.Single(hub.AdvanceTo(Local(11, 0)));
        Assert.Equal(FindingType.Unregistered, opened.Type);
    }

    [Fact]
    public void Locals_are_never_raised()
    {
        var hub = new EngineHarness();
        var local = TestPeople.Local(7);
        for (var day = 1; day <= 40; day++)
        {
            hub.SeeLive(local, "site-b", Local(day));
        }

        Assert.Empty(hub.Changes);
        Assert.Empty(hub.Engine.Presences(Local(40), 30));
    }

    [Fact]
    public void A_stay_long_past_is_not_raised_when_the_registration_is_later_cancelled()
    {
        var hub = new EngineHarness();
        hub.Register(Person, "site-b");
        hub.SeeLive(Person, "site-b", Local(1));
        hub.SeeLive(Person, "site-b", Local(2));
        hub.SiteReports("site-b", Local(1));

        hub.AdvanceTo(Local(40));
        hub.Register(Person, "site-b", RegistrationStatus.Cancelled);

        Assert.DoesNotContain(hub.Changes, f => f.Type == FindingType.Unregistered);
    }
}
