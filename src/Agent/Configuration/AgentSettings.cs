using Microsoft.Extensions.Configuration.Json;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace GateSync.Agent.Configuration;

public static class AgentSettings
{
    /// <summary>Environment variable naming an extra settings file, for installs that cannot pass <c>--settings</c>.</summary>
    public const string SettingsFileVariable = "GATESYNC_AGENT_SETTINGS";

    /// <summary>
    /// Adds the settings file named by <c>--settings &lt;file&gt;</c> or <see cref="SettingsFileVariable"/>.
    /// It goes right after <c>appsettings*.json</c>, so <c>Agent__...</c> environment variables and the command line still override it.
    /// </summary>
    public static IConfigurationManager AddAgentSettingsFile(this IConfigurationManager configuration)
    {
        var path = configuration["settings"] ?? configuration[SettingsFileVariable];
        if (string.IsNullOrWhiteSpace(path))
        {
            return configuration;
        }

        var source = new JsonConfigurationSource { Path = Path.GetFullPath(path), Optional = false, ReloadOnChange = false };
        source.ResolveFileProvider();
        var sources = configuration.Sources;
        var afterLastJson = 0;
        for (var i = 0; i < sources.Count; i++)
        {
            if (sources[i] is JsonConfigurationSource)
            {
                afterLastJson = i + 1;
            }
        }

        sources.Insert(afterLastJson, source);
        return configuration;
    }

    /// <summary>Binds and validates <see cref="AgentOptions"/>; a wrong setting stops the agent at start with its name.</summary>
    public static IServiceCollection AddAgentOptions(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<AgentOptions>()
            .Bind(configuration.GetSection(AgentOptions.Section))
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<AgentOptions>, AgentOptionsValidator>();
        services.AddSingleton<AgentPaths>();
        services.TryAddSingleton(TimeProvider.System);
        return services;
    }
}

/// <summary>Where the agent's files live, with <see cref="AgentOptions.DataDirectory"/> resolved against the content root.</summary>
public sealed class AgentPaths(IOptions<AgentOptions> options, IHostEnvironment environment)
{
    public string DataDirectory { get; } = Path.GetFullPath(options.Value.DataDirectory, environment.ContentRootPath);
}
