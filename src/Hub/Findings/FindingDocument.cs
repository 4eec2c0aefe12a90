using GateSync.Hub.Reconciliation;

namespace GateSync.Hub.Findings;

/// <summary>A stored <see cref="Finding"/> (plain class for LiteDB), keyed by the finding's ID.</summary>
public sealed class FindingDocument
{
    public string Id { get; set; } = string.Empty;
    public FindingType Type { get; set; }
    public FindingStatus Status { get; set; }
    public string IdNumber { get; set; } = string.Empty;
    public string Name { get; set; } = string.Empty;
    public string SiteId { get; set; } = string.Empty;
    public DateTimeOffset Since { get; set; }
    public DateTimeOffset OpenedAt { get; set; }
    public DateTimeOffset? ResolvedAt { get; set; }
    public FindingResolution? Resolution { get; set; }

    public static FindingDocument From(Finding finding) => new()
    {
        Id = finding.Id, Type = finding.Type, Status = finding.Status, IdNumber = finding.IdNumber, Name = finding.Name,
        SiteId = finding.SiteId, Since = finding.Since, OpenedAt = finding.OpenedAt, ResolvedAt = finding.ResolvedAt,
        Resolution = finding.Resolution,
    };

    public Finding ToFinding() => new()
    {
        Id = Id, Type = Type, Status = Status, IdNumber = IdNumber, Name = Name, SiteId = SiteId, Since = Since,
        OpenedAt = OpenedAt, ResolvedAt = ResolvedAt, Resolution = Resolution,
    };
}
