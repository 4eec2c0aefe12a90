using GateSync.Agent.Outbox;
using GateSync.Agent.Tests.Infrastructure;
using GateSync.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace GateSync.Agent.Tests.Outbox;

public sealed class OutboxAckTests : IDisposable
{
    private static readonly TimeSpan AckTimeout = TimeSpan.FromMinutes(2);

    private readonly TempDirectory _directory = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 24, 0, 0, 0, TimeSpan.Zero));

    public void Dispose() => _directory.Dispose();

    [Fact]
    public void A_sent_check_in_the_hub_has_not_acked_is_queued_again_after_the_ack_timeout()
    {
        using var outbox = OpenWith(count: 3);
        outbox.MarkSent([1, 2, 3]);
        outbox.Acknowledge(1);

        _time.Advance(AckTimeout - TimeSpan.FromSeconds(1));
        Assert.Equal(0, outbox.RequeueUnacked(AckTimeout));

        _time.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal(2, outbox.RequeueUnacked(AckTimeout));
        Assert.Equal([2L, 3L], outbox.Pending(0, 10).Select(e => e.Seq));
    }

    [Fact]
    public void An_ack_ends_the_wait_and_survives_a_restart()
    {
        using (var outbox = OpenWith(count: 3))
        {
            outbox.MarkSent([1, 2, 3]);
            Assert.True(outbox.Acknowledge(3));
            Assert.False(outbox.Acknowledge(2));
        }

        using var reopened = Open();
        Assert.Equal(3, reopened.AckedUpTo);
        Assert.Equal(0, reopened.UnackedCount());
        _time.Advance(AckTimeout * 10);
        Assert.Equal(0, reopened.RequeueUnacked(AckTimeout));
    }

    [Fact]
    public void An_ack_above_the_last_seq_is_capped_at_it()
    {
        using var outbox = OpenWith(count: 2);
        outbox.Acknowledge(1000);
        Assert.Equal(2, outbox.AckedUpTo);
        Assert.Equal(3, outbox.Append(TestSwipes.At(9), null).Seq);
    }

    [Fact]
    public void A_check_in_queued_for_a_resend_but_acked_meanwhile_is_not_sent_again()
    {
        using var outbox = OpenWith(count: 2);
        outbox.MarkSent([1, 2]);
        _time.Advance(AckTimeout * 2);
        Assert.Equal(2, outbox.RequeueUnacked(AckTimeout));

        outbox.Acknowledge(2);

        Assert.Empty(outbox.Pending(0, 10));
    }

    [Fact]
    public void Acked_check_ins_are_deleted_after_retention_and_unacked_ones_never()
    {
        using var outbox = OpenWith(count: 4);
        outbox.MarkSent([1, 2, 3, 4]);
        outbox.Acknowledge(2);
        _time.Advance(TimeSpan.FromHours(73));

        Assert.Equal(2, outbox.PurgeAcked(_time.GetUtcNow() - TimeSpan.FromHours(72)));
        Assert.Null(outbox.IsSent(1));
        Assert.Null(outbox.IsSent(2));
        Assert.NotNull(outbox.IsSent(3));
        Assert.NotNull(outbox.IsSent(4));
    }

    [Fact]
    public void A_replay_queues_again_what_the_outbox_holds_and_counts_what_it_no_longer_has()
    {
        using var outbox = OpenWith(count: 6);
        outbox.MarkSent([1, 2, 3, 4, 5, 6]);
        outbox.Acknowledge(3);
        _time.Advance(TimeSpan.FromHours(100));
        outbox.PurgeAcked(_time.GetUtcNow() - TimeSpan.FromHours(72));

        var outcome = outbox.Replay(2, 5);

        Assert.Equal(new ReplayOutcome(Held: 2, Gone: 2), outcome);
        Assert.Equal([4L, 5L], outbox.Pending(0, 10).Select(e => e.Seq));
    }

    [Fact]
    public void A_replay_beyond_the_last_seq_asks_for_nothing_that_never_existed()
    {
        using var outbox = OpenWith(count: 2);
        Assert.Equal(new ReplayOutcome(0, 0), outbox.Replay(5, 9));
        Assert.Equal(new ReplayOutcome(2, 0), outbox.Replay(1, 1_000_000));
    }

    [Fact]
    public void Seq_ignores_the_clock_and_a_jump_back_does_not_hold_up_a_resend()
    {
        var clock = new SettableClock(_time.GetUtcNow());
        using var outbox = new CheckInOutbox(_directory.Path, "site-1", "agent-1", clock, NullLogger<CheckInOutbox>.Instance);
        outbox.Append(TestSwipes.At(0), null);
        outbox.Append(TestSwipes.At(1), null);
        outbox.MarkSent([1, 2]);

        // The clock is set back a day (an NTP correction, a dead RTC battery): numbering goes on, and the check-ins
        // "sent tomorrow" are not left waiting a day for their resend.
        clock.Now -= TimeSpan.FromDays(1);
        Assert.Equal(3, outbox.Append(TestSwipes.At(5), null).Seq);
        Assert.Equal(2, outbox.RequeueUnacked(AckTimeout));

        clock.Now += TimeSpan.FromDays(30);
        Assert.Equal(4, outbox.Append(TestSwipes.At(6), null).Seq);
        Assert.Equal([1L, 2L, 3L, 4L], outbox.Pending(0, 10).Select(e => e.Seq));
    }

    private CheckInOutbox OpenWith(int count)
    {
        var outbox = Open();
        for (var i = 0; i < count; i++)
        {
            outbox.Append(TestSwipes.At(i), null);
        }

        return outbox;
    }

    private CheckInOutbox Open() => new(_directory.Path, "site-1", "agent-1", _time, NullLogger<CheckInOutbox>.Instance);

    /// <summary>A clock that can be set anywhere, backwards too (FakeTimeProvider refuses to go back).</summary>
    private sealed class SettableClock(DateTimeOffset now) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = now;

        public override DateTimeOffset GetUtcNow() => Now;
    }
}
