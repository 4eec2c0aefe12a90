using GateSync.Hub.Reconciliation;
using static GateSync.Hub.Tests.Reconciliation.EngineHarness;

namespace GateSync.Hub.Tests.Reconciliation;

public sealed class LateCheckInTests
{
    [Fact]
    public void An_offline_agents_week_arriving_late_raises_at_once_with_since_when_it_happened()
    {
        var hub = new EngineHarness();
        var person = TestPeople.NonLocal(4);
        hub.AdvanceTo(Local(12));

        var week = Enumerable.Range(1, 7).Select(day => new Sighting(person, "王五", "site-b", Local(day, 7))).ToList();
        var opened = Assert.Single(hub.Engine.RecordSightings(week));

        Assert.Equal(FindingType.Unregistered, opened.Type);
        Assert.Equal(Local(1, 7), opened.Since);
        Assert.Equal(Local(12), opened.OpenedAt);
        Assert.Equal("王五", opened.Name);
    }

    [Fact]
    public void A_late_check_in_earlier_than_the_first_one_moves_since_back()
    {
        var hub = new EngineHarness();
        var person = TestPeople.NonLocal(4);
        hub.SeeLive(person, "site-b", Local(5));
        hub.SeeLive(person, "site-b", Local(6));

        // The agent at site-b was offline on day 1; its check-in arrives on day 6.
        var opened = Assert.Single(hub.See(person, "site-b", Local(1)));

        Assert.Equal(Local(1), opened.Since);
    }

    [Fact]
    public void A_late_check_in_at_home_resolves_a_moved_finding_as_if_it_had_come_on_time()
    {
        var hub = new EngineHarness();
        var person = TestPeople.NonLocal(5);
        hub.Register(person, "site-a");
        hub.SeeLive(person, "site-b", Local(1));
        hub.SeeLive(person, "site-b", Local(2));
        hub.AdvanceTo(Local(8));
        Assert.Single(hub.Open());

        var resolved = Assert.Single(hub.See(person, "site-a", Local(6)));

        Assert.Equal(FindingResolution.SeenAtRegisteredSite, resolved.Resolution);
    }

    [Fact]
    public void A_late_check_in_that_happened_during_the_absence_resolves_stale()
    {
        var hub = new EngineHarness();
        var person = TestPeople.NonLocal(6);
        hub.Register(person, "site-a");
        hub.SiteReports("site-a", Local(1, 0));
        hub.SeeLive(person, "site-a", Local(1));
        hub.SiteReports("site-a", Local(32));
        Assert.Single(hub.AdvanceTo(Local(32)));

        var resolved = Assert.Single(hub.See(person, "site-c", Local(20)));

        Assert.Equal(FindingResolution.SeenAgain, resolved.Resolution);
    }

    [Fact]
    public void Late_check_ins_older_than_the_stale_period_do_not_raise_anything()
    {
        var hub = new EngineHarness();
        var person = TestPeople.NonLocal(7);
        hub.AdvanceTo(Local(45));

        hub.Engine.RecordSightings([new Sighting(person, "赵六", "site-b", Local(1)), new Sighting(person, "赵六", "site-b", Local(2))]);

        Assert.Empty(hub.Open());
    }
}
