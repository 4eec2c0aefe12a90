using GateSync.Hub.Access;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

public static class SessionServiceCollectionExtensions
{
    /// <summary>
    /// Password login for the dashboard: the session cookie beside the bearer scheme (the default scheme picks one
    /// per request), password hashing, and the first administrator from <c>Hub:Auth:FirstAdmin</c>.
    /// Call after <c>AddHubApi</c>, whose default scheme this replaces with the selector.
    /// </summary>
    public static IServiceCollection AddHubSessions(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<FirstAdminOptions>().Bind(configuration.GetSection(FirstAdminOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<FirstAdminOptions>, FirstAdminOptionsValidator>();
        services.AddSingleton<UserPasswords>();
        services.AddSingleton<LoginThrottle>();
        services.AddHostedService<FirstAdminSeeder>();
        services.AddAuthentication(options =>
            {
                options.DefaultScheme = SessionAuthentication.SelectorScheme;
                options.DefaultChallengeScheme = SessionAuthentication.SelectorScheme;
                options.DefaultForbidScheme = SessionAuthentication.SelectorScheme;
            })
            .AddHubSessionSchemes();
        return services;
    }

    public static IEndpointRouteBuilder MapHubSessions(this IEndpointRouteBuilder endpoints) => endpoints.MapSessionEndpoints();
}
