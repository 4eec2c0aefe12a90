namespace GateSync.Hub.Reconciliation;

/// <summary>Days as the district counts them: a check-in at 00:30 in Shanghai is on that Shanghai date, whatever its offset.</summary>
public sealed class DistrictCalendar(TimeZoneInfo zone)
{
    public static DistrictCalendar For(ReconciliationSettings settings) =>
        new(TimeZoneInfo.FindSystemTimeZoneById(settings.TimeZone));

    public DateOnly DayOf(DateTimeOffset instant) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, zone).DateTime);

    /// <summary>The instant the district's <paramref name="day"/> begins.</summary>
    public DateTimeOffset StartOf(DateOnly day)
    {
        var local = day.ToDateTime(TimeOnly.MinValue);

        // In a zone with daylight saving, midnight can fall in the skipped hour.
        while (zone.IsInvalidTime(local))
        {
            local = local.AddMinutes(15);
        }

        return new DateTimeOffset(local, zone.GetUtcOffset(local));
    }
}
