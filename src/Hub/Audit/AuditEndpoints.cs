using GateSync.Contracts.Identity;
using GateSync.Hub.Api;

namespace GateSync.Hub.Audit;

/// <summary><c>GET /api/audit?who=&amp;limit=</c>: read-only, district administrators only.</summary>
public static class AuditEndpoints
{
    public const int DefaultLimit = 100;
    public const int MaxLimit = 10_000;

    public static IEndpointRouteBuilder MapAuditEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/api/audit", (AuditLog audit, string? who, int? limit) =>
            {
                if (limit is < 1 or > MaxLimit)
                {
                    return Results.BadRequest(new ErrorResponse($"limit must be 1-{MaxLimit}"));
                }

                return Results.Ok(audit.Latest(limit ?? DefaultLimit, who).Select(AuditResponse.From).ToList());
            })
            .RequireAuthorization(HubPolicies.Administer);
        return endpoints;
    }
}

/// <summary>
/// An audit entry as served. ID numbers are masked here: reading the audit is not itself audited, so it must
/// not become a way round it; the finding IDs lead to the people through an audited reveal.
/// </summary>
public sealed record AuditResponse(string Id, DateTimeOffset At, string Who, string Role, string Call, IReadOnlyList<string> FindingIds, IReadOnlyList<string> IdNumbers)
{
    public static AuditResponse From(AuditEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return new(entry.Id.ToString(), entry.At, entry.Who, entry.Role, entry.Call, entry.FindingIds,
            [.. entry.IdNumbers.Select(PersonalDataMask.IdNumber)]);
    }
}
