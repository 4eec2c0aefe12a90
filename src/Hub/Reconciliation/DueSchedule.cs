namespace GateSync.Hub.Reconciliation;

/// <summary>Persons ordered by when the passage of time alone may change their findings, so a timer pass looks only at those.</summary>
internal sealed class DueSchedule
{
    private readonly SortedSet<(DateTimeOffset Due, string IdNumber)> entries = new(new EntryComparer());

    public int Count => entries.Count;

    public DateTimeOffset? Next => entries.Count == 0 ? null : entries.Min.Due;

    public void Set(string idNumber, DateTimeOffset? previous, DateTimeOffset? due)
    {
        if (previous is { } old)
        {
            entries.Remove((old, idNumber));
        }

        if (due is { } next)
        {
            entries.Add((next, idNumber));
        }
    }

    /// <summary>Takes the next person due at or before <paramref name="now"/>, if any.</summary>
    public string? TakeDue(DateTimeOffset now)
    {
        if (entries.Count == 0 || entries.Min.Due > now)
        {
            return null;
        }

        var first = entries.Min;
        entries.Remove(first);
        return first.IdNumber;
    }

    public void Clear() => entries.Clear();

    private sealed class EntryComparer : IComparer<(DateTimeOffset Due, string IdNumber)>
    {
        public int Compare((DateTimeOffset Due, string IdNumber) x, (DateTimeOffset Due, string IdNumber) y)
        {
            var byTime = x.Due.UtcTicks.CompareTo(y.Due.UtcTicks);
            return byTime != 0 ? byTime : string.CompareOrdinal(x.IdNumber, y.IdNumber);
        }
    }
}
