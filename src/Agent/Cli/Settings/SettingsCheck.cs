using GateSync.Agent.Configuration;
using Microsoft.Extensions.Options;

namespace GateSync.Agent.Cli.Settings;

/// <summary>The settings the service would start with, or every reason it would refuse to start.</summary>
public sealed record SettingsCheckResult(AgentOptions? Options, string? DataDirectory, IReadOnlyList<string> Failures)
{
    public bool IsValid => Options is not null && Failures.Count == 0;
}

/// <summary>Loads settings exactly as the service does (same builder, same sources, same validator) without starting it.</summary>
public static class SettingsCheck
{
    /// <param name="hostArgs">The service's command line, e.g. <c>--settings /etc/gatesync/agent.json</c>.</param>
    public static SettingsCheckResult Run(string[] hostArgs)
    {
        try
        {
            using var host = AgentHost.CreateBuilder(hostArgs).Build();
            var options = host.Services.GetRequiredService<IOptions<AgentOptions>>().Value;
            var dataDirectory = host.Services.GetRequiredService<AgentPaths>().DataDirectory;
            return new SettingsCheckResult(options, dataDirectory, []);
        }
        catch (OptionsValidationException e)
        {
            return Failed([.. e.Failures]);
        }
        catch (FileNotFoundException e)
        {
            return Failed($"{e.Message} Copy config/agent.example.json there and edit it, or name another file with --settings.");
        }
        catch (UnauthorizedAccessException e)
        {
            return Failed($"{e.Message} The settings file holds the broker password and is readable only by root and the service: run this with sudo.");
        }
        catch (DirectoryNotFoundException e)
        {
            return Failed(e.Message);
        }
        catch (InvalidDataException e)
        {
            // A JSON syntax error: the inner exception has the line and position.
            return Failed($"{e.Message} {e.InnerException?.Message}".Trim());
        }
        catch (InvalidOperationException e)
        {
            // The binder names the setting whose value does not convert, e.g. a Kind that is not a reader kind.
            return Failed($"{e.Message} {e.InnerException?.Message}".Trim());
        }
    }

    private static SettingsCheckResult Failed(params string[] failures) => new(null, null, failures);
}
