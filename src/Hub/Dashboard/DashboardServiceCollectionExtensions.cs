using GateSync.Hub.Api;
using GateSync.Hub.Dashboard;
using GateSync.Hub.Findings;

namespace Microsoft.Extensions.DependencyInjection;

public static class DashboardServiceCollectionExtensions
{
    /// <summary>The web dashboard for district and station staff: its pages, the calls they need, and findings marked handled.</summary>
    public static IServiceCollection AddHubDashboard(this IServiceCollection services)
    {
        services.AddSingleton<FindingHandlingStore>();
        services.AddAuthorizationBuilder()
            .AddPolicy(DashboardPolicies.SearchPerson, p => p.RequireRole(HubRoles.DistrictAdmin, HubRoles.StationStaff));
        return services;
    }

    public static IEndpointRouteBuilder MapHubDashboard(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapDashboardFiles();
        endpoints.MapDashboardEndpoints();
        endpoints.MapFindingHandlingEndpoints();
        return endpoints;
    }
}
