using GateSync.Agent.Outbox;
using GateSync.Agent.Tests.Infrastructure;
using GateSync.Contracts.Wire;
using GateSync.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace GateSync.Agent.Tests.Outbox;

public sealed class CheckInOutboxTests : IDisposable
{
    private readonly TempDirectory _directory = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 24, 0, 0, 0, TimeSpan.Zero));

    public void Dispose() => _directory.Dispose();

    [Fact]
    public void Seq_starts_at_1_and_increments_by_one()
    {
        using var outbox = Open();

        Assert.Equal(0, outbox.LastSeq);
        Assert.Equal([1L, 2L, 3L], Enumerable.Range(0, 3).Select(i => outbox.Append(TestSwipes.At(i), null).Seq));
        Assert.Equal(3, outbox.LastSeq);
    }

    [Fact]
    public void Seq_continues_after_the_outbox_is_reopened()
    {
        using (var first = Open())
        {
            first.Append(TestSwipes.At(0), null);
            first.Append(TestSwipes.At(1), null);
        }

        using var reopened = Open();
        Assert.Equal(2, reopened.LastSeq);
        Assert.Equal(3, reopened.Append(TestSwipes.At(2), null).Seq);
        Assert.Equal(3, reopened.BacklogCount());
    }

    [Fact]
    public void Seq_is_never_reused_after_sent_check_ins_are_purged_and_the_outbox_reopened()
    {
        using (var first = Open())
        {
            for (var i = 0; i < 3; i++)
            {
                first.Append(TestSwipes.At(i), null);
            }

            first.MarkSent([1, 2, 3]);
            Assert.Equal(3, first.DeleteSentUpTo(3));
            Assert.Equal(4, first.Append(TestSwipes.At(3), null).Seq);
        }

        using var reopened = Open();
        Assert.Equal(5, reopened.Append(TestSwipes.At(4), null).Seq);
    }

    [Fact]
    public void A_corrupt_outbox_file_is_moved_aside_and_seq_continues_above_the_old_numbers()
    {
        using (var first = Open())
        {
            for (var i = 0; i < 3; i++)
            {
                first.Append(TestSwipes.At(i), null);
            }
        }

        var path = _directory.File(CheckInOutbox.FileName);
        var garbage = new byte[64 * 1024];
        new Random(7).NextBytes(garbage);
        File.WriteAllBytes(path, garbage);

        using var fresh = Open();

        var aside = Directory.GetFiles(_directory.Path, "outbox.corrupt-*.db");
        Assert.Single(aside);
        Assert.Equal(garbage, File.ReadAllBytes(aside[0]));
        Assert.Equal(0, fresh.BacklogCount());
        Assert.Equal(4, fresh.Append(TestSwipes.At(3), null).Seq);
    }

    [Fact]
    public void Seq_continues_from_seq_state_when_the_outbox_file_is_gone()
    {
        using (var first = Open())
        {
            first.Append(TestSwipes.At(0), null);
            first.Append(TestSwipes.At(1), null);
        }

        File.Delete(_directory.File(CheckInOutbox.FileName));

        using var fresh = Open();
        Assert.Equal(3, fresh.Append(TestSwipes.At(2), null).Seq);
    }

    [Fact]
    public void Pending_lists_unsent_check_ins_in_seq_order_from_a_given_seq_up_to_a_limit()
    {
        using var outbox = Open();
        for (var i = 0; i < 6; i++)
        {
            outbox.Append(TestSwipes.At(i), AccessDecision.Recorded);
        }

        outbox.MarkSent([2, 4]);

        Assert.Equal([1L, 3L, 5L, 6L], outbox.Pending(0, 100).Select(e => e.Seq));
        Assert.Equal([3L, 5L], outbox.Pending(1, 2).Select(e => e.Seq));
        Assert.Equal(4, outbox.BacklogCount());
        Assert.True(outbox.IsSent(2));
        Assert.False(outbox.IsSent(3));
        Assert.Null(outbox.IsSent(99));
    }

    [Fact]
    public void A_stored_check_in_reads_back_as_appended_and_passes_the_contract_validator()
    {
        using var outbox = Open();
        var swipe = TestSwipes.At(0);

        var appended = outbox.Append(swipe, AccessDecision.Recorded);
        var entry = Assert.Single(outbox.Pending(0, 10));
        var stored = entry.Decode();

        Assert.Equal(appended, stored with { Card = appended.Card });
        Assert.Equal(swipe.Card, stored.Card);

        // The bytes handed to the publisher are the contract JSON as recorded, valid without a decode and re-encode.
        Assert.Equal(ContractJson.Serialize(appended), entry.Payload);
        var validation = CheckInValidator.Validate(Topics.CheckIn("site-1", "agent-1"), entry.Payload);
        Assert.True(validation.IsValid, validation.Reason);
    }

    [Fact]
    public void Marking_sent_ignores_unknown_and_already_sent_seqs()
    {
        using var outbox = Open();
        outbox.Append(TestSwipes.At(0), null);

        outbox.MarkSent([1, 1, 42]);
        outbox.MarkSent([1]);

        Assert.Equal(0, outbox.BacklogCount());
    }

    private CheckInOutbox Open() => new(_directory.Path, "site-1", "agent-1", _time, NullLogger<CheckInOutbox>.Instance);
}
