using GateSync.Hub.Api;
using Microsoft.AspNetCore.Authentication;

namespace Microsoft.Extensions.DependencyInjection;

public static class ApiServiceCollectionExtensions
{
    /// <summary>Bearer authentication, the role policies and camelCase JSON for the HTTP API.</summary>
    public static IServiceCollection AddHubApi(this IServiceCollection services)
    {
        services.AddSingleton<IBearerTokenResolver, BootstrapTokenResolver>();
        services.AddAuthentication(BearerAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, BearerAuthenticationHandler>(BearerAuthenticationHandler.SchemeName, _ => { });
        services.AddAuthorizationBuilder()
            .AddPolicy(HubPolicies.ViewIngest, policy => policy.RequireRole(HubRoles.DistrictAdmin))
            .AddPolicy(HubPolicies.Administer, policy => policy.RequireRole(HubRoles.DistrictAdmin));
        services.ConfigureHttpJsonOptions(json =>
        {
            json.SerializerOptions.PropertyNamingPolicy = System.Text.Json.JsonNamingPolicy.CamelCase;

            // Enums as the contract writes them: "unregistered", "open", "urban".
            json.SerializerOptions.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter(System.Text.Json.JsonNamingPolicy.CamelCase));
        });
        return services;
    }
}
