using GateSync.Hub.Reconciliation;
using GateSync.Hub.Registrations;
using static GateSync.Hub.Tests.Reconciliation.EngineHarness;

namespace GateSync.Hub.Tests.Reconciliation;

public sealed class MovedRuleTests
{
    private static readonly string Person = TestPeople.NonLocal(2);

    private static EngineHarness MovedToB()
    {
        var hub = new EngineHarness();
        hub.Register(Person, "site-a");
        hub.SeeLive(Person, "site-a", Local(1, 8));
        hub.SeeLive(Person, "site-b", Local(2, 20));
        hub.SeeLive(Person, "site-b", Local(3, 20));
        return hub;
    }

    [Fact]
    public void Registered_at_A_and_living_at_B_is_raised_at_B_when_the_grace_ends()
    {
        var hub = MovedToB();
        Assert.Empty(hub.AdvanceTo(Local(5, 19, 59)));

        var opened = Assert.Single(hub.AdvanceTo(Local(5, 20)));
        Assert.Equal(FindingType.Moved, opened.Type);
        Assert.Equal("site-b", opened.SiteId);
        Assert.Equal(Local(2, 20), opened.Since);
    }

    [Fact]
    public void Seen_at_A_again_resolves_it()
    {
        var hub = MovedToB();
        var opened = Assert.Single(hub.AdvanceTo(Local(6)));

        var resolved = Assert.Single(hub.SeeLive(Person, "site-a", Local(7)));

        Assert.Equal(opened.Id, resolved.Id);
        Assert.Equal(FindingResolution.SeenAtRegisteredSite, resolved.Resolution);
        Assert.Equal(Local(7), resolved.ResolvedAt);
    }

    [Fact]
    public void Registration_updated_to_B_resolves_it()
    {
        var hub = MovedToB();
        hub.AdvanceTo(Local(6));

        var resolved = Assert.Single(hub.Register(Person, "site-b"));

        Assert.Equal(FindingType.Moved, resolved.Type);
        Assert.Equal(FindingResolution.RegistrationMovedHere, resolved.Resolution);
        Assert.Empty(hub.Open());
    }

    [Fact]
    public void Cancelled_registration_resolves_it_and_the_person_is_unregistered_at_B()
    {
        var hub = MovedToB();
        hub.AdvanceTo(Local(6));

        var changes = hub.Register(Person, "site-a", RegistrationStatus.Cancelled);

        Assert.Contains(changes, f => f.Type == FindingType.Moved && f.Resolution == FindingResolution.RegistrationEnded);
        var unregistered = Assert.Single(hub.Open());
        Assert.Equal(FindingType.Unregistered, unregistered.Type);
        Assert.Equal("site-b", unregistered.SiteId);
    }

    [Fact]
    public void Not_raised_while_the_person_still_goes_home_to_A()
    {
        var hub = new EngineHarness();
        hub.Register(Person, "site-a");
        hub.SeeLive(Person, "site-b", Local(1));
        hub.SeeLive(Person, "site-b", Local(2));
        hub.SeeLive(Person, "site-a", Local(3));
        hub.SeeLive(Person, "site-b", Local(4));
        hub.SeeLive(Person, "site-a", Local(5));
        hub.AdvanceTo(Local(20));

        Assert.Empty(hub.Changes);
    }

    [Fact]
    public void Raised_again_when_the_person_leaves_A_for_B_a_second_time()
    {
        var hub = MovedToB();
        hub.AdvanceTo(Local(6));
        hub.SeeLive(Person, "site-a", Local(7));
        hub.SeeLive(Person, "site-b", Local(8, 20));
        hub.SeeLive(Person, "site-b", Local(9, 20));

        var reopened = Assert.Single(hub.AdvanceTo(Local(12)));

        Assert.Equal(Local(8, 20), reopened.Since);
        Assert.Equal(3, hub.Changes.Count);
    }

    [Fact]
    public void Living_at_the_registered_site_raises_nothing()
    {
        var hub = new EngineHarness();
        hub.Register(Person, "site-a");
        for (var day = 1; day <= 20; day++)
        {
            hub.SeeLive(Person, "site-a", Local(day));
        }

        Assert.Empty(hub.Changes);
    }
}
