namespace GateSync.Hub.Reconciliation;

/// <summary>One district-local day on which a person was seen at a site, with the first and last check-in that day.</summary>
public readonly record struct DayVisit(DateOnly Day, DateTimeOffset First, DateTimeOffset Last);

/// <summary>
/// A person's days at one site, kept sorted by day whatever order check-ins arrive in, so a late
/// check-in lands where it happened. Memory grows with days, not with swipes.
/// </summary>
public sealed class SiteVisits
{
    private readonly List<DayVisit> days;

    public SiteVisits()
    {
        days = [];
    }

    private SiteVisits(List<DayVisit> days) => this.days = days;

    public IReadOnlyList<DayVisit> Days => days;

    public DateTimeOffset FirstSeen => days[0].First;

    public DateTimeOffset LastSeen => days[^1].Last;

    /// <summary>
    /// Days as saved (<see cref="SightingStateFormat"/>), which keeps them in order. A list is taken as it is, not copied:
    /// the saved state's reader makes one per site and keeps none (two million days are not copied twice).
    /// </summary>
    public static SiteVisits Of(IReadOnlyList<DayVisit> days) => new(days as List<DayVisit> ?? [.. days]);

    public void Add(DateOnly day, DateTimeOffset at)
    {
        // Check-ins mostly arrive in order, so look at the end before searching.
        if (days.Count == 0 || days[^1].Day < day)
        {
            days.Add(new DayVisit(day, at, at));
            return;
        }

        var index = IndexOf(day);
        if (index >= 0)
        {
            var known = days[index];
            days[index] = known with
            {
                First = at < known.First ? at : known.First,
                Last = at > known.Last ? at : known.Last,
            };
        }
        else
        {
            days.Insert(~index, new DayVisit(day, at, at));
        }
    }

    /// <summary>Index of the first day with a check-in after <paramref name="instant"/>, or the day count when none.</summary>
    public int FirstDayWithCheckInAfter(DateTimeOffset instant)
    {
        int low = 0, high = days.Count;
        while (low < high)
        {
            var mid = (low + high) >>> 1;
            if (days[mid].Last > instant)
            {
                high = mid;
            }
            else
            {
                low = mid + 1;
            }
        }

        return low;
    }

    /// <summary>Index of the first day on or after <paramref name="day"/>.</summary>
    public int FirstDayOnOrAfter(DateOnly day)
    {
        var index = IndexOf(day);
        return index >= 0 ? index : ~index;
    }

    private int IndexOf(DateOnly day)
    {
        int low = 0, high = days.Count - 1;
        while (low <= high)
        {
            var mid = (low + high) >>> 1;
            var compared = days[mid].Day.CompareTo(day);
            if (compared == 0)
            {
                return mid;
            }

            if (compared < 0)
            {
                low = mid + 1;
            }
            else
            {
                high = mid - 1;
            }
        }

        return ~low;
    }
}
