using System.CommandLine;

namespace GateSync.Agent.Cli.Settings;

/// <summary><c>check-settings</c>: would the service start with these settings, and what would it do.</summary>
public static class CheckSettingsCommand
{
    public static Command Create(Machine machine)
    {
        var settings = CliOptions.Settings();
        var command = new Command("check-settings", "Load the settings exactly as the service does and say what is wrong, naming each setting.")
        {
            settings,
        };

        // Service overrides such as --Agent:Mqtt:Host=hub.example are checked too.
        command.TreatUnmatchedTokensAsErrors = false;
        command.SetAction(parse =>
        {
            var output = parse.InvocationConfiguration.Output;
            var error = parse.InvocationConfiguration.Error;
            var file = parse.GetValue(settings);
            // The service runs in the install directory (the unit's WorkingDirectory), whose appsettings.json is part of its
            // settings; a --contentRoot among the overrides comes later and wins.
            var result = SettingsCheck.Run(["--contentRoot", machine.Install.Directory, .. CliOptions.HostArgs(file, parse.UnmatchedTokens)]);
            var from = file ?? Environment.GetEnvironmentVariable(Configuration.AgentSettings.SettingsFileVariable);
            var source = string.IsNullOrEmpty(from) ? "appsettings.json, environment and command line only (no --settings file)" : Path.GetFullPath(from);
            if (!result.IsValid)
            {
                error.WriteLine($"The agent would NOT start with these settings ({source}):");
                foreach (var failure in result.Failures)
                {
                    error.WriteLine($"  - {failure}");
                }

                error.WriteLine("Fix them in the settings file and run check-settings again. config/agent.example.json shows every setting.");
                return ExitCodes.Failed;
            }

            output.WriteLine($"Settings are valid ({source}).");
            SettingsSummary.Write(output, result.Options!, result.DataDirectory!);
            return ExitCodes.Ok;
        });
        return command;
    }
}
