using GateSync.Contracts.Wire;
using GateSync.Hub.Storage;

namespace GateSync.Hub.Tests.Storage;

public sealed class SeqRangesTests
{
    [Fact]
    public void Nothing_received_means_no_ranges_nothing_missing_and_highest_zero()
    {
        var ranges = new SeqRanges();

        Assert.Empty(ranges.Ranges);
        Assert.Empty(ranges.Missing());
        Assert.Equal(0, ranges.Highest);
        Assert.Equal(0, ranges.Count);
    }

    [Fact]
    public void Consecutive_seqs_collapse_into_one_range()
    {
        var ranges = new SeqRanges();
        for (var seq = 1; seq <= 1000; seq++)
        {
            Assert.True(ranges.Add(seq));
        }

        Assert.Equal([new SeqRange(1, 1000)], ranges.Ranges);
        Assert.Equal(1000, ranges.Count);
        Assert.Empty(ranges.Missing());
    }

    [Fact]
    public void A_gap_is_missing_until_the_late_seq_arrives()
    {
        var ranges = new SeqRanges();
        foreach (var seq in new long[] { 1, 2, 4, 5 })
        {
            ranges.Add(seq);
        }

        Assert.Equal([new SeqRange(3, 3)], ranges.Missing());
        Assert.Equal(5, ranges.Highest);

        Assert.True(ranges.Add(3));

        Assert.Empty(ranges.Missing());
        Assert.Equal([new SeqRange(1, 5)], ranges.Ranges);
        Assert.Equal(5, ranges.Count);
    }

    [Fact]
    public void A_repeated_seq_is_a_duplicate_and_counted_once()
    {
        var ranges = new SeqRanges();
        Assert.True(ranges.Add(7));

        Assert.False(ranges.Add(7));

        Assert.Equal(1, ranges.Count);
        Assert.True(ranges.Contains(7));
        Assert.False(ranges.Contains(6));
    }

    [Fact]
    public void Missing_starts_at_one_when_the_first_check_ins_have_not_arrived()
    {
        var ranges = new SeqRanges();
        ranges.Add(10);
        ranges.Add(20);

        Assert.Equal([new SeqRange(1, 9), new SeqRange(11, 19)], ranges.Missing());
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-5)]
    public void A_seq_below_one_is_refused(long seq)
    {
        var ranges = new SeqRanges();

        Assert.False(ranges.Add(seq));
        Assert.Equal(0, ranges.Count);
    }

    [Fact]
    public void Rebuilding_from_stored_ranges_repairs_overlap_and_disorder()
    {
        var ranges = SeqRanges.From([new SeqRange(8, 9), new SeqRange(1, 3), new SeqRange(2, 5), new SeqRange(10, 12), new SeqRange(0, -1)]);

        Assert.Equal([new SeqRange(1, 5), new SeqRange(8, 12)], ranges.Ranges);
        Assert.Equal(10, ranges.Count);
        Assert.Equal([new SeqRange(6, 7)], ranges.Missing());
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    public void Any_arrival_order_with_repeats_agrees_with_a_plain_set(int seed)
    {
        var random = new Random(seed);
        var ranges = new SeqRanges();
        var model = new HashSet<long>();
        for (var i = 0; i < 3000; i++)
        {
            long seq = random.Next(1, 800);
            Assert.Equal(model.Add(seq), ranges.Add(seq));
        }

        Assert.Equal(model.Count, ranges.Count);
        Assert.Equal(model.Max(), ranges.Highest);
        var expectedMissing = Enumerable.Range(1, (int)model.Max()).Select(s => (long)s).Where(s => !model.Contains(s));
        Assert.Equal(expectedMissing, ranges.Missing().SelectMany(r => Enumerable.Range((int)r.From, (int)(r.To - r.From + 1)).Select(s => (long)s)));
        for (var k = 1; k < ranges.Ranges.Count; k++)
        {
            Assert.True(ranges.Ranges[k].From > ranges.Ranges[k - 1].To + 1, "ranges stay disjoint and never adjacent");
        }
    }

    [Fact]
    public void Except_gives_the_seqs_received_since_an_earlier_copy_including_filled_gaps()
    {
        var earlier = SeqRanges.From([new SeqRange(1, 10), new SeqRange(15, 20), new SeqRange(30, 30)]);
        var now = SeqRanges.From([new SeqRange(1, 25), new SeqRange(30, 40), new SeqRange(50, 50)]);

        Assert.Equal(
            [new SeqRange(11, 14), new SeqRange(21, 25), new SeqRange(31, 40), new SeqRange(50, 50)],
            now.Except(earlier).ToList());
        Assert.Empty(earlier.Except(earlier));
        Assert.Equal(now.Ranges, now.Except(new SeqRanges()).ToList());
    }
}
