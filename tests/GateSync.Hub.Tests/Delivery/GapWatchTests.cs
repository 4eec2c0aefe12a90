using GateSync.Contracts.Wire;
using GateSync.Hub.Delivery;
using GateSync.Hub.Storage;

namespace GateSync.Hub.Tests.Delivery;

public sealed class GapWatchTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 24, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_gap_is_asked_for_only_after_it_has_lasted_the_set_time()
    {
        var watch = new GapWatch(TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(60));
        SeqRange[] gap = [new(4, 9)];

        Assert.Empty(watch.Due("a", gap, T0));
        Assert.Empty(watch.Due("a", gap, T0.AddSeconds(29)));
        Assert.Equal(gap, watch.Due("a", gap, T0.AddSeconds(30)));
    }

    [Fact]
    public void A_gap_that_fills_up_or_splits_keeps_its_age()
    {
        var watch = new GapWatch(TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(60));
        watch.Due("a", [new(4, 9)], T0);
        watch.Due("a", [new(4, 5), new(8, 9)], T0.AddSeconds(20));

        Assert.Equal([new SeqRange(4, 5), new SeqRange(8, 9)], watch.Due("a", [new(4, 5), new(8, 9)], T0.AddSeconds(31)));
    }

    [Fact]
    public void An_agent_is_asked_at_most_once_per_interval_and_a_closed_gap_is_forgotten()
    {
        var watch = new GapWatch(TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(60));
        SeqRange[] gap = [new(4, 4)];
        watch.Due("a", gap, T0);
        Assert.NotEmpty(watch.Due("a", gap, T0.AddSeconds(30)));
        Assert.Empty(watch.Due("a", gap, T0.AddSeconds(60)));
        Assert.NotEmpty(watch.Due("a", gap, T0.AddSeconds(91)));

        Assert.Empty(watch.Due("a", [], T0.AddSeconds(200)));
        Assert.Empty(watch.Due("a", [new(10, 10)], T0.AddSeconds(201)));
    }

    [Fact]
    public void The_ack_point_is_the_end_of_the_run_from_seq_1()
    {
        Assert.Equal(0, AckPoint.Of(new AgentDocument()));
        Assert.Equal(0, AckPoint.Of(new AgentDocument { Received = [new ReceivedRange { From = 2, To = 9 }] }));
        Assert.Equal(7, AckPoint.Of(new AgentDocument { Received = [new ReceivedRange { From = 9, To = 9 }, new ReceivedRange { From = 1, To = 7 }] }));
    }
}
