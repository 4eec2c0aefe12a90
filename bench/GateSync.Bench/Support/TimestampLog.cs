namespace GateSync.Bench.Support;

/// <summary>Stopwatch timestamps a device's loop notes and the scenario reads, from two threads.</summary>
public sealed class TimestampLog
{
    private readonly List<long> stamps = [];

    public void Add(long timestamp)
    {
        lock (stamps)
        {
            stamps.Add(timestamp);
        }
    }

    public IReadOnlyList<long> Snapshot()
    {
        lock (stamps)
        {
            return [.. stamps];
        }
    }
}
