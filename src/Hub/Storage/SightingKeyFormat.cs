using System.Globalization;

namespace GateSync.Hub.Storage;

/// <summary>
/// The text of <see cref="CheckInDocument.SightingKey"/>: <c>yyyyMMddHHmmssfff|siteId|idNumber|name</c>, the swipe's
/// instant in UTC to the millisecond (what LiteDB keeps of a date) first, so keys sort by when the swipe happened.
/// </summary>
/// <remarks>
/// Why a key and not the fields: the reconciliation rebuild reads two million check-ins at every hub start, and
/// LiteDB answers a query from the index alone, without reading a document, only when the query uses one field and
/// the index is on exactly that field. So the four fields the rebuild needs live in one indexed field (bench/README.md).
/// Site IDs cannot hold <c>|</c> (<c>Identifier</c>) nor can normalised ID numbers; a name may, so it comes last and
/// is read as the rest of the key.
/// </remarks>
public static class SightingKeyFormat
{
    /// <summary>
    /// Longest name kept in a key: LiteDB refuses an index key over 1,023 bytes (and with it the whole ingest batch);
    /// 256 characters are at most 768 bytes of UTF-8 beside the 64 of a site ID. Card names are far shorter.
    /// </summary>
    public const int MaxNameLength = 256;

    /// <summary>Sorts before every key (keys start with a year's digits).</summary>
    public const string Lowest = "0";

    /// <summary>Sorts after every key.</summary>
    public const string Highest = "~";

    private const string TimeFormat = "yyyyMMddHHmmssfff";
    private const char Separator = '|';

    /// <summary>After the separator, so <c>time + AfterTime</c> is above every key of that millisecond.</summary>
    private const char AfterTime = '}';

    public static string Of(DateTimeOffset occurredAt, string siteId, string idNumber, string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var kept = name.Length <= MaxNameLength ? name : name[..(char.IsHighSurrogate(name[MaxNameLength - 1]) ? MaxNameLength - 1 : MaxNameLength)];
        return string.Concat(Time(occurredAt.UtcDateTime), $"{Separator}{siteId}{Separator}{idNumber}{Separator}", kept);
    }

    /// <summary>The lowest key of a swipe at <paramref name="utc"/> or later.</summary>
    public static string From(DateTime utc) => Time(utc);

    /// <summary>The highest key of a swipe at <paramref name="utc"/> (to the millisecond) or earlier.</summary>
    public static string Through(DateTime utc) => Time(utc) + AfterTime;

    /// <summary>The key's parts; <c>null</c> for text that is not a key.</summary>
    public static (DateTimeOffset OccurredAt, string SiteId, string IdNumber, string Name)? Parse(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var site = key.IndexOf(Separator, StringComparison.Ordinal);
        var idNumber = site < 0 ? -1 : key.IndexOf(Separator, site + 1);
        var name = idNumber < 0 ? -1 : key.IndexOf(Separator, idNumber + 1);
        if (site != TimeFormat.Length || name < 0 || TimeOf(key) is not { } utc)
        {
            return null;
        }

        return (new DateTimeOffset(utc, TimeSpan.Zero), key[(site + 1)..idNumber], key[(idNumber + 1)..name], key[(name + 1)..]);
    }

    /// <summary>When the key says the swipe happened; <c>null</c> for text that is not a key.</summary>
    public static DateTime? TimeOf(string key)
    {
        ArgumentNullException.ThrowIfNull(key);

        // Read by hand: two million of these at every hub start, where a format parser took a tenth of the read.
        var text = key.AsSpan();
        if (text.Length < TimeFormat.Length
            || !TryDigits(text[..4], out var year) || !TryDigits(text[4..6], out var month) || !TryDigits(text[6..8], out var day)
            || !TryDigits(text[8..10], out var hour) || !TryDigits(text[10..12], out var minute) || !TryDigits(text[12..14], out var second)
            || !TryDigits(text[14..17], out var millisecond)
            || year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month) || hour > 23 || minute > 59 || second > 59)
        {
            return null;
        }

        return new DateTime(year, month, day, hour, minute, second, millisecond, DateTimeKind.Utc);
    }

    private static bool TryDigits(ReadOnlySpan<char> digits, out int value) =>
        int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out value);

    private static string Time(DateTime utc) => utc.ToString(TimeFormat, CultureInfo.InvariantCulture);
}
