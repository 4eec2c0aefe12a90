using GateSync.Hub.Reconciliation;
using GateSync.Hub.Registrations;
using static GateSync.Hub.Tests.Reconciliation.EngineHarness;

namespace GateSync.Hub.Tests.Reconciliation;

public sealed class StaleRuleTests
{
    private static readonly string Person = TestPeople.NonLocal(3);

    /// <summary>Registered at A, last seen on day 1 at 09:00, A's agent reporting since day 1.</summary>
    private static EngineHarness GoneFromA(int agentSinceDay = 1)
    {
        var hub = new EngineHarness();
        hub.Register(Person, "site-a");
        hub.SiteReports("site-a", Local(agentSinceDay, 0));
        hub.SeeLive(Person, "site-a", Local(1, 9));
        return hub;
    }

    [Fact]
    public void Registered_person_unseen_for_30_days_at_a_reporting_site_is_raised()
    {
        var hub = GoneFromA();
        hub.SiteReports("site-a", Local(31, 8));
        Assert.Empty(hub.AdvanceTo(Local(31, 8, 59)));

        hub.SiteReports("site-a", Local(31, 9));
        var opened = Assert.Single(hub.AdvanceTo(Local(31, 9)));

        Assert.Equal(FindingType.Stale, opened.Type);
        Assert.Equal("site-a", opened.SiteId);
        Assert.Equal(Local(1, 9), opened.Since);
    }

    [Fact]
    public void Not_raised_until_the_sites_agent_has_reported_for_30_days()
    {
        var hub = GoneFromA(agentSinceDay: 10);
        hub.SiteReports("site-a", Local(35));
        Assert.Empty(hub.AdvanceTo(Local(35)));

        hub.SiteReports("site-a", Local(40, 1));
        var opened = Assert.Single(hub.AdvanceTo(Local(40, 1)));

        Assert.Equal(Local(10, 0), opened.Since);
    }

    [Fact]
    public void Waits_for_a_silent_agent_and_is_raised_when_it_reports_past_the_due_time()
    {
        var hub = GoneFromA();
        hub.SiteReports("site-a", Local(5));
        Assert.Empty(hub.AdvanceTo(Local(33)));

        var opened = Assert.Single(hub.SiteReports("site-a", Local(33)));

        Assert.Equal(FindingType.Stale, opened.Type);
    }

    [Fact]
    public void A_site_without_an_agent_never_makes_its_registrants_stale()
    {
        var hub = new EngineHarness();
        hub.Register(Person, "site-a");
        hub.SeeLive(Person, "site-a", Local(1));
        hub.AdvanceTo(Local(90));

        Assert.Empty(hub.Changes);
    }

    [Fact]
    public void Seen_again_anywhere_resolves_it()
    {
        var hub = GoneFromA();
        hub.SiteReports("site-a", Local(32));
        var opened = Assert.Single(hub.AdvanceTo(Local(32)));

        var resolved = Assert.Single(hub.SeeLive(Person, "site-c", Local(33)));

        Assert.Equal(opened.Id, resolved.Id);
        Assert.Equal(FindingResolution.SeenAgain, resolved.Resolution);
    }

    [Fact]
    public void Cancelling_the_registration_resolves_it()
    {
        var hub = GoneFromA();
        hub.SiteReports("site-a", Local(32));
        hub.AdvanceTo(Local(32));

        var resolved = Assert.Single(hub.Register(Person, "site-a", RegistrationStatus.Cancelled));

        Assert.Equal(FindingResolution.RegistrationEnded, resolved.Resolution);
        Assert.Empty(hub.Open());
    }

    [Fact]
    public void A_registration_moved_to_another_site_resolves_it_at_the_old_one()
    {
        var hub = GoneFromA();
        hub.SiteReports("site-a", Local(32));
        hub.AdvanceTo(Local(32));

        var resolved = Assert.Single(hub.Register(Person, "site-z"));

        Assert.Equal(FindingResolution.RegistrationChanged, resolved.Resolution);
    }

    [Fact]
    public void Someone_registered_recently_is_given_the_full_30_days()
    {
        var hub = new EngineHarness();
        hub.SiteReports("site-a", Local(1, 0));
        hub.AdvanceTo(Local(40));
        hub.Engine.RecordRegistration(new Registration(
            Person, "李四", "site-a", new DateOnly(2026, 4, 5), null, null, null, RegistrationStatus.Active));
        hub.SiteReports("site-a", Local(60));

        Assert.Empty(hub.AdvanceTo(Local(60)));
        Assert.Equal(new DateTimeOffset(2026, 5, 5, 0, 0, 0, Shanghai), hub.Engine.NextDueAt);
    }
}
