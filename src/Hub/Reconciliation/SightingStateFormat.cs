namespace GateSync.Hub.Reconciliation;

/// <summary>
/// The persons' sightings in a saved engine state, compactly: a district's two million check-ins make about as many
/// person-days, so each day is three small variable-length numbers (the day after the last, the first check-in after
/// the last one, the last after the first) and each site's name is written once, then referred to by number.
/// </summary>
internal static class SightingStateFormat
{
    /// <summary>Writes every person with a day on or after <paramref name="keepFrom"/>; days before it are past retention.</summary>
    public static int Write(BinaryWriter writer, IEnumerable<PersonState> persons, DateTimeOffset? keepFrom)
    {
        var sites = new Dictionary<string, int>(StringComparer.Ordinal);
        var written = 0;
        foreach (var person in persons)
        {
            var kept = person.Sites
                .Select(s => (s.Key, Days: s.Value.Days.Where(d => keepFrom is not { } from || d.Last >= from).ToList()))
                .Where(s => s.Days.Count > 0)
                .ToList();
            if (kept.Count == 0)
            {
                continue;
            }

            writer.Write(true);
            writer.Write(person.IdNumber);
            writer.Write(person.CardName ?? string.Empty);
            writer.Write(person.CardNameAt?.UtcTicks ?? 0);
            writer.Write7BitEncodedInt(kept.Count);
            foreach (var (siteId, days) in kept)
            {
                WriteSite(writer, sites, siteId);
                WriteDays(writer, days);
            }

            written++;
        }

        writer.Write(false);
        return written;
    }

    /// <summary>Reads what <see cref="Write"/> wrote, one person at a time; throws <see cref="InvalidDataException"/> on a damaged state.</summary>
    public static IEnumerable<PersonSightings> Read(BinaryReader reader)
    {
        var sites = new List<string>();
        while (reader.ReadBoolean())
        {
            var idNumber = reader.ReadString();
            var name = reader.ReadString();
            var nameAt = reader.ReadInt64();
            var siteCount = reader.ReadNonNegative();
            var visits = new List<(string, IReadOnlyList<DayVisit>)>(siteCount);
            for (var i = 0; i < siteCount; i++)
            {
                visits.Add((ReadSite(reader, sites), ReadDays(reader)));
            }

            yield return name.Length == 0
                ? new PersonSightings(idNumber, null, null, visits)
                : new PersonSightings(idNumber, name, new DateTimeOffset(nameAt, TimeSpan.Zero), visits);
        }
    }

    // A site seen before is its number plus one; 0 introduces a new one by name.
    private static void WriteSite(BinaryWriter writer, Dictionary<string, int> sites, string siteId)
    {
        if (sites.TryGetValue(siteId, out var number))
        {
            writer.Write7BitEncodedInt(number + 1);
            return;
        }

        writer.Write7BitEncodedInt(0);
        writer.Write(siteId);
        sites[siteId] = sites.Count;
    }

    private static string ReadSite(BinaryReader reader, List<string> sites)
    {
        var reference = reader.ReadNonNegative();
        if (reference == 0)
        {
            var siteId = reader.ReadString();
            sites.Add(siteId);
            return siteId;
        }

        return reference <= sites.Count ? sites[reference - 1] : throw new InvalidDataException($"Site reference {reference} of {sites.Count}");
    }

    private static void WriteDays(BinaryWriter writer, List<DayVisit> days)
    {
        writer.Write7BitEncodedInt(days.Count);
        int previousDay = 0;
        long previousLast = 0;
        foreach (var day in days)
        {
            writer.Write7BitEncodedInt(day.Day.DayNumber - previousDay);
            writer.Write7BitEncodedInt64(day.First.UtcTicks - previousLast);
            writer.Write7BitEncodedInt64(day.Last.UtcTicks - day.First.UtcTicks);
            previousDay = day.Day.DayNumber;
            previousLast = day.Last.UtcTicks;
        }
    }

    private static List<DayVisit> ReadDays(BinaryReader reader)
    {
        var count = reader.ReadNonNegative();
        var days = new List<DayVisit>(count);
        int previousDay = 0;
        long previousLast = 0;
        for (var i = 0; i < count; i++)
        {
            var dayNumber = previousDay + reader.Read7BitEncodedInt();
            var first = previousLast + reader.Read7BitEncodedInt64();
            var last = first + reader.Read7BitEncodedInt64();
            if ((i > 0 && dayNumber <= previousDay) || last < first || first < 0 || last > DateTimeOffset.MaxValue.UtcTicks)
            {
                throw new InvalidDataException($"Day {i} of a site is out of order");
            }

            days.Add(new DayVisit(DateOnly.FromDayNumber(dayNumber), new DateTimeOffset(first, TimeSpan.Zero), new DateTimeOffset(last, TimeSpan.Zero)));
            previousDay = dayNumber;
            previousLast = last;
        }

        return days;
    }

    private static int ReadNonNegative(this BinaryReader reader)
    {
        var value = reader.Read7BitEncodedInt();
        return value >= 0 ? value : throw new InvalidDataException($"Count {value}");
    }
}
