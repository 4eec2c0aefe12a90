using GateSync.Contracts.Wire;

namespace GateSync.Hub.Storage;

/// <summary>
/// The sequence numbers received from one agent, as sorted disjoint inclusive ranges: an agent that
/// never loses a check-in costs one range however long it runs, and gaps fall out as the holes.
/// </summary>
public sealed class SeqRanges
{
    // Sorted by From, disjoint and never adjacent (adjacent ranges are merged).
    private readonly List<SeqRange> _ranges;

    public SeqRanges()
        : this([])
    {
    }

    private SeqRanges(List<SeqRange> ranges) => _ranges = ranges;

    /// <summary>The ranges, ascending.</summary>
    public IReadOnlyList<SeqRange> Ranges => _ranges;

    /// <summary>How many distinct sequence numbers have been received.</summary>
    public long Count { get; private set; }

    /// <summary>The highest sequence number received, or 0 when none.</summary>
    public long Highest => _ranges.Count == 0 ? 0 : _ranges[^1].To;

    /// <summary>
    /// Rebuilds from stored ranges, repairing overlaps or disorder rather than trusting them,
    /// so a hand-edited or older document cannot break the arithmetic.
    /// </summary>
    public static SeqRanges From(IEnumerable<SeqRange> ranges)
    {
        var result = new SeqRanges();
        foreach (var range in ranges.Where(r => r.From >= 1 && r.To >= r.From).OrderBy(r => r.From))
        {
            result.AddRange(range.From, range.To);
        }

        return result;
    }

    public bool Contains(long seq) => IndexOfRangeContaining(seq) >= 0;

    /// <summary>Adds <paramref name="seq"/>; <c>false</c> when it was already there (a duplicate) or is not 1 or more.</summary>
    public bool Add(long seq)
    {
        if (seq < 1 || Contains(seq))
        {
            return false;
        }

        AddRange(seq, seq);
        return true;
    }

    /// <summary>The holes in <c>[1, Highest]</c>: check-ins that have not arrived yet.</summary>
    public IReadOnlyList<SeqRange> Missing()
    {
        var missing = new List<SeqRange>();
        var next = 1L;
        foreach (var range in _ranges)
        {
            if (range.From > next)
            {
                missing.Add(new SeqRange(next, range.From - 1));
            }

            next = range.To + 1;
        }

        return missing;
    }

    /// <summary>The seqs held here and not in <paramref name="other"/>, as ascending ranges.</summary>
    public IEnumerable<SeqRange> Except(SeqRanges other)
    {
        ArgumentNullException.ThrowIfNull(other);
        var index = 0;
        foreach (var range in _ranges)
        {
            var next = range.From;

            // Both lists ascend, so the other's ranges below this one are passed once for all.
            while (index < other._ranges.Count && other._ranges[index].To < next)
            {
                index++;
            }

            for (var i = index; i < other._ranges.Count && other._ranges[i].From <= range.To; i++)
            {
                var held = other._ranges[i];
                if (held.From > next)
                {
                    yield return new SeqRange(next, held.From - 1);
                }

                next = Math.Max(next, held.To + 1);
            }

            if (next <= range.To)
            {
                yield return new SeqRange(next, range.To);
            }
        }
    }

    private int IndexOfRangeContaining(long seq)
    {
        int low = 0, high = _ranges.Count - 1;
        while (low <= high)
        {
            var mid = low + ((high - low) / 2);
            var range = _ranges[mid];
            if (seq < range.From)
            {
                high = mid - 1;
            }
            else if (seq > range.To)
            {
                low = mid + 1;
            }
            else
            {
                return mid;
            }
        }

        return -1;
    }

    // Ranges are disjoint and sorted, so their ends ascend too: binary search on To.
    private int FirstRangeEndingAtOrAfter(long value)
    {
        int low = 0, high = _ranges.Count;
        while (low < high)
        {
            var mid = low + ((high - low) / 2);
            if (_ranges[mid].To < value)
            {
                low = mid + 1;
            }
            else
            {
                high = mid;
            }
        }

        return low;
    }

    // Inserts [from, to], merging every range it overlaps or touches.
    private void AddRange(long from, long to)
    {
        var index = FirstRangeEndingAtOrAfter(from - 1);
        var mergedFrom = from;
        var mergedTo = to;
        var removeCount = 0;
        while (index + removeCount < _ranges.Count && _ranges[index + removeCount].From <= to + 1)
        {
            var overlapped = _ranges[index + removeCount];
            mergedFrom = Math.Min(mergedFrom, overlapped.From);
            mergedTo = Math.Max(mergedTo, overlapped.To);
            Count -= overlapped.To - overlapped.From + 1;
            removeCount++;
        }

        _ranges.RemoveRange(index, removeCount);
        _ranges.Insert(index, new SeqRange(mergedFrom, mergedTo));
        Count += mergedTo - mergedFrom + 1;
    }
}
