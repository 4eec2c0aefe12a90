using GateSync.Hub.Access;
using GateSync.Hub.Api;
using GateSync.Hub.Audit;
using GateSync.Hub.Reconciliation;
using GateSync.Hub.Registrations;
using Microsoft.Extensions.Options;

namespace GateSync.Hub.Findings;

/// <summary>
/// <c>GET /api/findings?type=&amp;status=&amp;station=&amp;community=&amp;siteId=&amp;reveal=true</c>: the caller's findings,
/// masked unless revealed by a role that may; every revealing call is audited before it is answered.
/// </summary>
public static class FindingsEndpoints
{
    private static readonly IReadOnlyDictionary<string, FindingType> Types = new Dictionary<string, FindingType>(StringComparer.OrdinalIgnoreCase)
    {
        ["unregistered"] = FindingType.Unregistered,
        ["moved"] = FindingType.Moved,
        ["stale"] = FindingType.Stale,
    };

    private static readonly IReadOnlyDictionary<string, FindingStatus> Statuses = new Dictionary<string, FindingStatus>(StringComparer.OrdinalIgnoreCase)
    {
        ["open"] = FindingStatus.Open,
        ["resolved"] = FindingStatus.Resolved,
    };

    public static IEndpointRouteBuilder MapFindingsEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/api/findings", (
                HttpContext context,
                FindingStore store,
                RegistrationRoll roll,
                AuditLog audit,
                IOptions<ReconciliationSettings> district,
                string? type,
                string? status,
                string? station,
                string? community,
                string? siteId,
                bool? reveal) =>
            {
                FindingType? typeFilter = null;
                FindingStatus? statusFilter = null;
                if (type is not null)
                {
                    if (!Types.TryGetValue(type, out var t))
                    {
                        return Results.BadRequest(new ErrorResponse("type must be unregistered, moved or stale"));
                    }

                    typeFilter = t;
                }

                if (status is not null)
                {
                    if (!Statuses.TryGetValue(status, out var s))
                    {
                        return Results.BadRequest(new ErrorResponse("status must be open or resolved"));
                    }

                    statusFilter = s;
                }

                var caller = Caller.From(context.User);
                var revealing = reveal == true;
                if (revealing && !caller.MayReveal)
                {
                    return Results.Json(new ErrorResponse("this role may not reveal personal data; ask without reveal=true"), statusCode: StatusCodes.Status403Forbidden);
                }

                var scope = caller.Narrow(station, community);
                var sites = roll.Sites();
                var findings = scope is null
                    ? []
                    : store.Find(typeFilter, statusFilter, siteId)
                        .Where(f => scope.Contains(f.SiteId, sites))
                        .OrderByDescending(f => f.OpenedAt)
                        .ToList();

                if (revealing)
                {
                    var call = $"{context.Request.Method} {context.Request.Path}{context.Request.QueryString}";
                    audit.Append(caller.Name, caller.Role, call, findings.Select(f => f.Id), findings.Select(f => f.IdNumber));
                }

                var zone = TimeZoneInfo.FindSystemTimeZoneById(district.Value.TimeZone);
                return Results.Ok(findings.Select(f => FindingResponse.From(f, sites.GetValueOrDefault(f.SiteId), zone, revealing)).ToList());
            })
            .RequireAuthorization(AccessPolicies.ReadArea);
        return endpoints;
    }
}
