using GateSync.Hub;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

public static class HubServiceCollectionExtensions
{
    /// <summary>Binds <see cref="HubOptions"/> from the <c>Hub</c> section and validates it when the host starts.</summary>
    public static IServiceCollection AddHubOptions(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<HubOptions>().Bind(configuration.GetSection(HubOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<HubOptions>, HubOptionsValidator>();
        services.AddSingleton<HubReadiness>();
        services.AddSingleton(TimeProvider.System);
        return services;
    }
}
