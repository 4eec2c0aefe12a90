using GateSync.Hub.Reconciliation;
using GateSync.Hub.Registrations;
using GateSync.Hub.Reports;
using GateSync.Hub.Tests.Reconciliation;

namespace GateSync.Hub.Tests.Reports;

public sealed class PopulationTests
{
    private static readonly DateOnly Today = new(2026, 3, 31);
    private static readonly DateTimeOffset Noon = new(2026, 3, 20, 12, 0, 0, TimeSpan.FromHours(8));

    internal static Registration Registered(string id, string site, string? occupation = "工人", string? education = "初中",
        RegistrationStatus status = RegistrationStatus.Active) =>
        new(id, "某", site, new DateOnly(2026, 1, 1), null, occupation, education, status);

    internal static Presence Present(string id, string site, DateTimeOffset since, DateTimeOffset? last = null) =>
        new(id, "某", site, since, last ?? since.AddDays(1));

    [Fact]
    public void Registered_and_present_non_locals_are_counted_once_each()
    {
        var registeredAndPresent = TestPeople.NonLocal(1);
        var registeredOnly = TestPeople.NonLocal(2);
        var presentOnly = TestPeople.NonLocal(3);
        var cancelled = TestPeople.NonLocal(4);
        var local = TestPeople.Local(5);

        var people = FloatingPopulation.On(
            Today,
            TestPeople.AreaCode,
            [
                Registered(registeredAndPresent, "s-a"),
                Registered(registeredOnly, "s-a"),
                Registered(cancelled, "s-a", status: RegistrationStatus.Cancelled),
                Registered(local, "s-a"),
            ],
            [
                Present(registeredAndPresent, "s-a", Noon),
                Present(registeredAndPresent, "s-b", Noon),
                Present(presentOnly, "s-b", Noon.AddDays(-20), Noon.AddDays(-19)),
                Present(presentOnly, "s-c", Noon, Noon.AddDays(2)),
                Present(cancelled, "s-b", Noon),
            ]);

        Assert.Equal(4, people.Count);
        var settled = people.Single(p => p.IdNumber == registeredAndPresent);
        Assert.Equal("s-a", settled.SiteId);
        Assert.Equal(Noon, settled.ArrivedAt);
        Assert.Null(people.Single(p => p.IdNumber == registeredOnly).ArrivedAt);
        Assert.Equal("s-c", people.Single(p => p.IdNumber == presentOnly).SiteId);
        Assert.False(people.Single(p => p.IdNumber == cancelled).IsRegistered);
    }
}

public sealed class PopulationSiteTests
{
    private static readonly DateOnly Today = new(2026, 3, 31);
    private static readonly DateTimeOffset Noon = new(2026, 3, 20, 12, 0, 0, TimeSpan.FromHours(8));

    [Fact]
    public void A_registered_person_counts_at_the_site_where_last_present_and_at_the_registrations_site_when_present_nowhere()
    {
        var movedOn = TestPeople.NonLocal(1);
        var notSeen = TestPeople.NonLocal(2);

        var people = FloatingPopulation.On(
            Today,
            TestPeople.AreaCode,
            [PopulationTests.Registered(movedOn, "s-a"), PopulationTests.Registered(notSeen, "s-a")],
            [PopulationTests.Present(movedOn, "s-a", Noon.AddDays(-10), Noon.AddDays(-9)), PopulationTests.Present(movedOn, "s-b", Noon, Noon.AddDays(2))]);

        var moved = people.Single(p => p.IdNumber == movedOn);
        Assert.Equal("s-b", moved.SiteId);
        Assert.True(moved.IsRegistered);
        Assert.Equal(Noon, moved.ArrivedAt);
        Assert.Equal("s-a", people.Single(p => p.IdNumber == notSeen).SiteId);
    }
}
