using GateSync.Contracts.Wire;
using GateSync.Hub.Storage;

namespace GateSync.Hub.Api;

/// <summary>The ingest calls of the contract's HTTP API.</summary>
public static class HubEndpoints
{
    public static IEndpointRouteBuilder MapHubApi(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api");

        api.MapGet("/health", (HubReadiness readiness) => readiness.IsReady
                ? Results.Ok(new HealthResponse("ok"))
                : Results.Json(new HealthResponse("starting"), statusCode: StatusCodes.Status503ServiceUnavailable))
            .AllowAnonymous();

        // Beside health, not in it: ready means ingest works, and the engine's rebuild never holds that back. Counts and
        // times only, no personal data, so monitoring and the dashboard's banner need no token.
        api.MapGet("/health/reconciliation", (HubReadiness readiness) => Results.Ok(readiness.Reconciliation))
            .AllowAnonymous();

        api.MapGet("/agents", (HubQueries queries) => queries.Agents().Select(AgentResponse.From).ToList())
            .RequireAuthorization(HubPolicies.ViewIngest);

        api.MapGet("/checkins/count", (HubQueries queries, string? siteId, string? agentId) =>
            {
                // The contract's own form is ?siteId=&agentId=: an empty filter means no filter.
                siteId = string.IsNullOrEmpty(siteId) ? null : siteId;
                agentId = string.IsNullOrEmpty(agentId) ? null : agentId;
                var problem = (siteId is null ? null : Identifier.Problem("siteId", siteId))
                    ?? (agentId is null ? null : Identifier.Problem("agentId", agentId));
                return problem is null
                    ? Results.Ok(new CountResponse(queries.CountCheckIns(siteId, agentId)))
                    : Results.BadRequest(new ErrorResponse(problem));
            })
            .RequireAuthorization(HubPolicies.ViewIngest);

        return endpoints;
    }
}
