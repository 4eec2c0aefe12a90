using static GateSync.Hub.Tests.Reconciliation.EngineHarness;

namespace GateSync.Hub.Tests.Reconciliation;

public sealed class ResidencePatternTests
{
    private static readonly string Person = TestPeople.NonLocal(1);

    [Fact]
    public void One_day_visitor_never_becomes_a_finding()
    {
        var hub = new EngineHarness();
        hub.SeeLive(Person, "site-b", Local(1, 9));
        hub.SeeLive(Person, "site-b", Local(1, 18));
        hub.SeeLive(Person, "site-b", Local(1, 22));

        hub.AdvanceTo(Local(60));

        Assert.Empty(hub.Changes);
        Assert.Null(hub.Engine.NextDueAt);
    }

    [Fact]
    public void Days_1_and_7_are_within_the_seven_day_window()
    {
        var hub = new EngineHarness();
        hub.SeeLive(Person, "site-b", Local(1));
        hub.SeeLive(Person, "site-b", Local(7));

        var opened = Assert.Single(hub.Open());
        Assert.Equal(Local(1), opened.Since);
    }

    [Fact]
    public void Days_1_and_8_are_not_within_the_seven_day_window()
    {
        var hub = new EngineHarness();
        hub.SeeLive(Person, "site-b", Local(1));
        hub.SeeLive(Person, "site-b", Local(8));
        hub.AdvanceTo(Local(20));

        Assert.Empty(hub.Changes);
    }

    [Fact]
    public void Days_are_counted_in_Shanghai_so_2359_and_0001_local_are_two_days()
    {
        var hub = new EngineHarness();

        // 15:59Z is 23:59 in Shanghai on 1 March; 16:01Z is 00:01 on 2 March.
        hub.SeeLive(Person, "site-b", new DateTimeOffset(2026, 3, 1, 15, 59, 0, TimeSpan.Zero));
        hub.SeeLive(Person, "site-b", new DateTimeOffset(2026, 3, 1, 16, 1, 0, TimeSpan.Zero));
        hub.AdvanceTo(Local(10));

        Assert.Single(hub.Open());
    }

    [Fact]
    public void Two_utc_dates_on_one_Shanghai_day_are_one_day()
    {
        var hub = new EngineHarness();

        // 00:01 and 23:59 on 2 March in Shanghai fall on 1 and 2 March in UTC.
        hub.SeeLive(Person, "site-b", new DateTimeOffset(2026, 3, 1, 16, 1, 0, TimeSpan.Zero));
        hub.SeeLive(Person, "site-b", new DateTimeOffset(2026, 3, 2, 15, 59, 0, TimeSpan.Zero));
        hub.AdvanceTo(Local(10));

        Assert.Empty(hub.Changes);
    }

    [Fact]
    public void A_check_in_with_another_offset_counts_on_its_Shanghai_day()
    {
        var hub = new EngineHarness();

        // 2 March 01:00 at +09:00 is 2 March 00:00 in Shanghai, not 1 March.
        hub.SeeLive(Person, "site-b", Local(1, 23));
        hub.SeeLive(Person, "site-b", new DateTimeOffset(2026, 3, 2, 1, 0, 0, TimeSpan.FromHours(9)));
        hub.AdvanceTo(Local(10));

        Assert.Single(hub.Open());
    }
}
