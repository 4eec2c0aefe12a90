using GateSync.Contracts.Wire;
using GateSync.Hub.Agents;
using GateSync.Hub.Api;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary><c>PUT /api/agents/{agentId}</c> (contract) and the Mosquitto exports of the agent registry.</summary>
public static class AgentEndpoints
{
    public static IEndpointRouteBuilder MapHubAgents(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api");

        api.MapPut("/agents/{agentId}", (string agentId, AgentRegistration? body, AgentRegistry registry) =>
            {
                var problem = Identifier.Problem("agentId", agentId) ?? Identifier.Problem("siteId", body?.SiteId);
                return problem is null
                    ? Results.Ok(registry.Issue(agentId, body!.SiteId!))
                    : Results.BadRequest(new ErrorResponse(problem));
            })
            .RequireAuthorization(HubPolicies.Administer);

        // Secrets stay hashed: the password file is what mosquitto_passwd would write, the ACL binds each agent to its site.
        api.MapGet("/broker/mosquitto/passwd", (AgentRegistry registry) =>
                Results.Text(MosquittoAuthFiles.PasswordFile(registry.All()), "text/plain; charset=utf-8"))
            .RequireAuthorization(HubPolicies.Administer);

        api.MapGet("/broker/mosquitto/acl", (AgentRegistry registry, string? hubUser) =>
            {
                hubUser = string.IsNullOrEmpty(hubUser) ? "gatesync-hub" : hubUser;
                return Identifier.IsValid(hubUser)
                    ? Results.Text(MosquittoAuthFiles.AclFile(registry.All(), hubUser), "text/plain; charset=utf-8")
                    : Results.BadRequest(new ErrorResponse(Identifier.Problem("hubUser", hubUser)!));
            })
            .RequireAuthorization(HubPolicies.Administer);

        return endpoints;
    }
}

