using System.Collections.Concurrent;
using System.Diagnostics.Tracing;

namespace GateSync.Bench.Support;

/// <summary>
/// Which types a process allocates, from the runtime's own allocation sample (one event per about 100 KB allocated,
/// naming the type whose allocation crossed it): a cheap, proportional picture of where the collector's work comes from.
/// </summary>
public sealed class AllocationSampler : EventListener
{
    private const string RuntimeSource = "Microsoft-Windows-DotNETRuntime";
    private const EventKeywords GcKeyword = (EventKeywords)0x1;
    private const string AllocationTick = "GCAllocationTick_V4";

    private readonly ConcurrentDictionary<string, long> _bytesByType = new(StringComparer.Ordinal);

    public void Reset() => _bytesByType.Clear();

    /// <summary>The types that took the most of the sampled bytes, with their share.</summary>
    public IEnumerable<(string Type, double Share)> Top(int count)
    {
        var total = Math.Max(1, _bytesByType.Values.Sum());
        return _bytesByType.OrderByDescending(pair => pair.Value).Take(count).Select(pair => (pair.Key, (double)pair.Value / total));
    }

    protected override void OnEventSourceCreated(EventSource eventSource)
    {
        if (eventSource.Name == RuntimeSource)
        {
            EnableEvents(eventSource, EventLevel.Verbose, GcKeyword);
        }
    }

    protected override void OnEventWritten(EventWrittenEventArgs eventData)
    {
        if (eventData.EventName != AllocationTick || eventData.Payload is not { } payload || eventData.PayloadNames is not { } names)
        {
            return;
        }

        var type = names.IndexOf("TypeName") is var t and >= 0 ? payload[t] as string : null;
        var amount = names.IndexOf("AllocationAmount64") is var a and >= 0 ? Convert.ToInt64(payload[a], System.Globalization.CultureInfo.InvariantCulture) : 0;
        _bytesByType.AddOrUpdate(type ?? "?", amount, (_, sum) => sum + amount);
    }
}
