using System.Text;
using GateSync.Agent.Outbox;
using GateSync.Agent.Tests.Infrastructure;
using GateSync.Contracts.Wire;
using GateSync.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace GateSync.Agent.Tests.Outbox;

/// <summary>The drain's side of the outbox: pending check-ins handed out as stored, acknowledged ones marked in bulk.</summary>
public sealed class OutboxMarkSentTests : IDisposable
{
    private readonly TempDirectory _directory = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 24, 0, 0, 0, TimeSpan.Zero));

    public void Dispose() => _directory.Dispose();

    [Fact]
    public void An_outbox_written_in_the_field_format_hands_out_its_payloads_byte_for_byte()
    {
        // Spacing and field order the agent would not produce itself: what is stored is what goes out, unparsed.
        var stored = Enumerable.Range(1, 3).Select(seq => ((long)seq, Payload(seq).Replace(",", ", ", StringComparison.Ordinal))).ToList();
        StoredOutbox.Write(_directory.Path, stored);
        using var outbox = Open();

        var pending = outbox.Pending(0, 10);

        Assert.Equal([1L, 2L, 3L], pending.Select(e => e.Seq));
        Assert.Equal(stored.Select(s => Encoding.UTF8.GetBytes(s.Item2)), pending.Select(e => e.Payload));
        Assert.Equal(2, pending[1].Decode().Seq);
    }

    [Fact]
    public void A_run_of_acknowledged_check_ins_is_marked_sent_in_one_go_skipping_those_already_sent()
    {
        StoredOutbox.Write(_directory.Path, [.. Enumerable.Range(1, 40).Select(seq => ((long)seq, Payload(seq)))]);
        using var outbox = Open();
        outbox.MarkSent([5, 6]);
        _time.Advance(TimeSpan.FromMinutes(1));

        // What a publisher acknowledges: the pending ones in order, so the run has gaps where others were already sent.
        outbox.MarkSent([.. outbox.Pending(0, 30).Select(e => e.Seq)]);

        Assert.Equal(Enumerable.Range(33, 8).Select(seq => (long)seq), outbox.Pending(0, 100).Select(e => e.Seq));
        Assert.Equal(8, outbox.BacklogCount());
        Assert.All(Enumerable.Range(1, 32), seq => Assert.True(outbox.IsSent(seq)));

        // Already sent ones keep their time: the wait for the hub's ack started then.
        _time.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(2, outbox.RequeueUnacked(TimeSpan.FromSeconds(90)));
        Assert.Equal([5L, 6L], outbox.Pending(0, 2).Select(e => e.Seq));
    }

    [Fact]
    public void Far_apart_seqs_are_marked_without_touching_those_between()
    {
        StoredOutbox.Write(_directory.Path, [.. Enumerable.Range(1, 40).Select(seq => ((long)seq, Payload(seq)))]);
        using var outbox = Open();

        outbox.MarkSent([40, 1, 40, 99]);

        Assert.True(outbox.IsSent(1));
        Assert.True(outbox.IsSent(40));
        Assert.Equal(38, outbox.BacklogCount());
    }

    [Fact]
    public void A_replay_that_arrives_while_its_check_in_is_in_flight_is_not_undone_by_the_mark()
    {
        StoredOutbox.Write(_directory.Path, [.. Enumerable.Range(1, 3).Select(seq => ((long)seq, Payload(seq)))]);
        using var outbox = Open();

        var epoch = outbox.RequeueEpoch;
        var batch = outbox.Pending(0, 10);
        outbox.Replay(2, 2);
        outbox.MarkSent([.. batch.Select(e => e.Seq)], epoch);

        Assert.Equal([2L], outbox.Pending(0, 10).Select(e => e.Seq));

        // Read again after the replay, its next publish is marked as usual.
        epoch = outbox.RequeueEpoch;
        outbox.MarkSent([.. outbox.Pending(0, 10).Select(e => e.Seq)], epoch);
        Assert.Equal(0, outbox.BacklogCount());
    }

    [Fact]
    public void Entries_handed_out_are_marked_from_the_records_as_read_and_a_replay_in_between_still_wins()
    {
        StoredOutbox.Write(_directory.Path, [.. Enumerable.Range(1, 4).Select(seq => ((long)seq, Payload(seq)))]);
        using var outbox = Open();
        var epoch = outbox.RequeueEpoch;
        var batch = outbox.Pending(0, 10);

        // Meanwhile the hub acks 1 (marking it sent itself) and asks for 3 again; 4 is no longer in the batch's mark.
        outbox.Acknowledge(1);
        outbox.Replay(3, 3);
        outbox.MarkSent([.. batch.Take(3)], epoch);

        Assert.Equal([3L, 4L], outbox.Pending(0, 10).Select(e => e.Seq));
        Assert.True(outbox.IsSent(1));
        Assert.True(outbox.IsSent(2));
    }

    [Fact]
    public void A_mark_older_than_every_remembered_requeue_marks_nothing()
    {
        StoredOutbox.Write(_directory.Path, [.. Enumerable.Range(1, 3).Select(seq => ((long)seq, Payload(seq)))]);
        using var outbox = Open();
        var epoch = outbox.RequeueEpoch;

        for (var i = 0; i < 100; i++)
        {
            outbox.Replay(3, 3);
        }

        outbox.MarkSent([1, 2], epoch);
        Assert.Equal(3, outbox.BacklogCount());
    }

    private static string Payload(long seq) => Encoding.UTF8.GetString(ContractJson.Serialize(new CheckIn
    {
        AgentId = "agent-1",
        SiteId = "site-1",
        Seq = seq,
        ReaderId = "gate-1",
        Direction = Direction.In,
        OccurredAt = new DateTimeOffset(2026, 11, 24, 8, 0, 0, TimeSpan.FromHours(8)),
        Card = TestSwipes.At((int)seq).Card,
        Access = AccessDecision.Granted,
    }));

    private CheckInOutbox Open() => new(_directory.Path, "site-1", "agent-1", _time, NullLogger<CheckInOutbox>.Instance);
}
