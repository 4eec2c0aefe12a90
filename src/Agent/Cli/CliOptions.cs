using System.CommandLine;

namespace GateSync.Agent.Cli;

/// <summary>Options several commands share, spelled the same everywhere.</summary>
public static class CliOptions
{
    public const string DefaultSettingsFile = "/etc/gatesync/agent.json";

    /// <summary><c>--settings &lt;file&gt;</c>: the same option the service takes.</summary>
    public static Option<string?> Settings(string? defaultFile = null)
    {
        var option = new Option<string?>("--settings")
        {
            Description = defaultFile is null
                ? $"The agent's settings file (JSON), e.g. {DefaultSettingsFile}; also taken from ${Configuration.AgentSettings.SettingsFileVariable}."
                : "The agent's settings file (JSON).",
            HelpName = "file",
        };
        if (defaultFile is not null)
        {
            option.DefaultValueFactory = _ => defaultFile;
        }

        return option;
    }

    /// <summary>The service's own command line: the settings file, then any <c>--Section:Key=value</c> overrides.</summary>
    public static string[] HostArgs(string? settingsFile, IReadOnlyList<string> overrides) =>
        settingsFile is null ? [.. overrides] : ["--settings", settingsFile, .. overrides];
}
