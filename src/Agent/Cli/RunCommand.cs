using System.CommandLine;

namespace GateSync.Agent.Cli;

/// <summary>
/// Running the agent service: <c>run</c>, or no command at all as systemd starts it. Unknown
/// <c>--Section:Key=value</c> tokens are passed on, since every setting can come from the command line.
/// </summary>
public static class RunCommand
{
    public const string Name = "run";

    public static Command Create(Func<string[], int> runService) => Configure(new Command(Name, "Run the agent service (what systemd starts)."), runService);

    /// <summary>Makes <paramref name="command"/> run the service; used for the root command and for <c>run</c>.</summary>
    public static TCommand Configure<TCommand>(TCommand command, Func<string[], int> runService)
        where TCommand : Command
    {
        ArgumentNullException.ThrowIfNull(command);
        var settings = CliOptions.Settings();
        command.Options.Add(settings);
        command.TreatUnmatchedTokensAsErrors = false;
        command.SetAction(parse =>
        {
            // A mistyped command name would otherwise be ignored by the configuration and start the service.
            if (parse.UnmatchedTokens is [var first, ..] && !first.StartsWith('-') && !first.StartsWith('/'))
            {
                parse.InvocationConfiguration.Error.WriteLine(
                    $"'{first}' is not a command. Commands: devices, probe, check-settings, install-service, uninstall-service, run (see --help).");
                return ExitCodes.Failed;
            }

            return runService(CliOptions.HostArgs(parse.GetValue(settings), parse.UnmatchedTokens));
        });
        return command;
    }
}
