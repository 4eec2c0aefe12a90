using GateSync.Hub.Access;
using GateSync.Hub.Api;
using GateSync.Hub.Reconciliation;
using GateSync.Hub.Registrations;
using Microsoft.Extensions.Options;

namespace GateSync.Hub.Findings;

/// <summary>
/// <c>POST /api/findings/{id}/handled</c> with <c>{"reason"}</c> records that staff handled a finding in their area;
/// <c>GET /api/findings/handling</c> lists the latest handling of each finding in the caller's area.
/// </summary>
public static class FindingHandlingEndpoints
{
    public const int MaxReasonLength = 500;

    public static IEndpointRouteBuilder MapFindingHandlingEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/api/findings/{id}/handled", (
                string id,
                HandleFindingRequest request,
                HttpContext context,
                FindingStore findings,
                FindingHandlingStore handling,
                RegistrationRoll roll,
                IOptions<ReconciliationSettings> district) =>
            {
                var reason = request.Reason?.Trim();
                if (string.IsNullOrEmpty(reason) || reason.Length > MaxReasonLength)
                {
                    return Results.BadRequest(new ErrorResponse($"reason must be 1-{MaxReasonLength} characters"));
                }

                var caller = Caller.From(context.User);
                var finding = findings.Get(id);
                if (finding is null || caller.Narrow(null, null) is not { } scope || !scope.Contains(finding.SiteId, roll.Sites()))
                {
                    // Outside the caller's area looks the same as absent.
                    return Results.NotFound(new ErrorResponse($"no finding {id} in your area"));
                }

                var entry = handling.Append(finding.Id, caller.Name, caller.Role, reason);
                return Results.Json(FindingHandlingResponse.From(entry, Zone(district)), statusCode: StatusCodes.Status201Created);
            })
            .RequireAuthorization(AccessPolicies.ReadArea);

        endpoints.MapGet("/api/findings/handling", (
                HttpContext context,
                FindingStore findings,
                FindingHandlingStore handling,
                RegistrationRoll roll,
                IOptions<ReconciliationSettings> district) =>
            {
                if (Caller.From(context.User).Narrow(null, null) is not { } scope)
                {
                    return Results.Ok(Array.Empty<FindingHandlingResponse>());
                }

                var sites = roll.Sites();
                var zone = Zone(district);
                return Results.Ok(handling.Latest().Values
                    .Where(h => findings.Get(h.FindingId) is { } f && scope.Contains(f.SiteId, sites))
                    .OrderByDescending(h => h.At)
                    .Select(h => FindingHandlingResponse.From(h, zone))
                    .ToList());
            })
            .RequireAuthorization(AccessPolicies.ReadArea);

        return endpoints;
    }

    private static TimeZoneInfo Zone(IOptions<ReconciliationSettings> district) =>
        TimeZoneInfo.FindSystemTimeZoneById(district.Value.TimeZone);
}
