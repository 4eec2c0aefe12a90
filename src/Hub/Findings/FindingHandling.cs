using LiteDB;

namespace GateSync.Hub.Findings;

/// <summary>
/// Staff marking a finding handled (已处理): who, when and why. Kept apart from the finding itself, which the
/// rules own and may still resolve; a finding is never deleted or rewritten by staff, only annotated. Append-only:
/// marking again adds another entry, the latest one is what the list shows.
/// </summary>
public sealed class FindingHandling
{
    public ObjectId Id { get; set; } = ObjectId.Empty;
    public string FindingId { get; set; } = string.Empty;
    public DateTimeOffset At { get; set; }
    public string By { get; set; } = string.Empty;
    public string Role { get; set; } = string.Empty;
    public string Reason { get; set; } = string.Empty;
}

/// <summary>A handling as served: times in the district's zone.</summary>
public sealed record FindingHandlingResponse(string FindingId, DateTimeOffset At, string By, string Reason)
{
    public static FindingHandlingResponse From(FindingHandling handling, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(handling);
        return new(handling.FindingId, TimeZoneInfo.ConvertTime(handling.At, zone), handling.By, handling.Reason);
    }
}

public sealed record HandleFindingRequest(string? Reason);
