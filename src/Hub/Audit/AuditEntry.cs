using LiteDB;

namespace GateSync.Hub.Audit;

/// <summary>
/// One call that revealed personal data: who (name and role), when, the call with its filters, and which
/// findings and ID numbers it showed. The ID numbers are kept unmasked on purpose: the audit must answer
/// "who saw this person", and only district administrators can read it.
/// </summary>
public sealed class AuditEntry
{
    public ObjectId Id { get; set; } = ObjectId.Empty;
    public DateTimeOffset At { get; set; }
    public string Who { get; set; } = string.Empty;
    public string Role { get; set; } = string.Empty;

    /// <summary>Method, path and query, e.g. <c>GET /api/findings?station=north&amp;reveal=true</c>.</summary>
    public string Call { get; set; } = string.Empty;

    public List<string> FindingIds { get; set; } = [];
    public List<string> IdNumbers { get; set; } = [];
}
