namespace GateSync.Hub.Reconciliation;

/// <summary>
/// "Lives or works there": seen on at least <c>MinDays</c> distinct days within some <c>WindowDays</c>-day window.
/// Days 1 and 7 are within a 7-day window; days 1 and 8 are not.
/// </summary>
public readonly record struct ResidencePattern(int MinDays, int WindowDays)
{
    public static ResidencePattern For(ReconciliationSettings settings) =>
        new(settings.ResidentMinDays, settings.ResidentWindowDays);

    /// <summary>Whether the days from <paramref name="from"/> up to (not including) <paramref name="to"/> show a stay.</summary>
    public bool IsMetBy(IReadOnlyList<DayVisit> days, int from, int to)
    {
        for (var i = from; i + MinDays - 1 < to; i++)
        {
            if (days[i + MinDays - 1].Day.DayNumber - days[i].Day.DayNumber <= WindowDays - 1)
            {
                return true;
            }
        }

        return false;
    }
}
