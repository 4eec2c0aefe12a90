using System.CommandLine;

namespace GateSync.Agent.Cli.Service;

/// <summary><c>uninstall-service</c>: stops the agent and removes its unit; settings and data stay.</summary>
public static class UninstallServiceCommand
{
    public static Command Create(Machine machine)
    {
        var unitPath = ServiceOptions.UnitPath();
        var dryRun = ServiceOptions.DryRun();
        var command = new Command("uninstall-service", "Stop the gatesync-agent service and remove its unit. Settings and collected data are kept.")
        {
            unitPath, dryRun,
        };
        command.SetAction((parse, cancellationToken) => UninstallAsync(
            machine, parse.GetValue(unitPath), parse.GetValue(dryRun), parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error, cancellationToken));
        return command;
    }

    private static async Task<int> UninstallAsync(
        Machine machine, string? unitDirectory, bool dryRun, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        if (!dryRun && ServiceOptions.Refusal(machine, "uninstall-service") is { } refusal)
        {
            error.WriteLine(refusal);
            return ExitCodes.CannotRun;
        }

        var directory = unitDirectory ?? (dryRun ? null : machine.UnitDirectory);
        var file = Path.Combine(directory ?? machine.UnitDirectory, SystemdUnit.FileName);
        if (!File.Exists(file))
        {
            output.WriteLine($"{SystemdUnit.ServiceName} is not installed: there is no {file}. Nothing to do.");
            return ExitCodes.Ok;
        }

        if (!await ServiceOptions.SystemctlAsync(
                machine, dryRun, output, error, cancellationToken, ["disable", "--now", SystemdUnit.ServiceName]).ConfigureAwait(false))
        {
            return ExitCodes.Failed;
        }

        if (directory is null)
        {
            output.WriteLine($"  would remove: {file}");
        }
        else
        {
            File.Delete(file);
            output.WriteLine($"Removed {file}");
        }

        if (!await ServiceOptions.SystemctlAsync(machine, dryRun, output, error, cancellationToken, ["daemon-reload"]).ConfigureAwait(false))
        {
            return ExitCodes.Failed;
        }

        output.WriteLine($"The settings file and the data directory ({InstallServiceCommand.DefaultDataDirectory} unless you chose another) are kept; delete them yourself if they must go.");
        return ExitCodes.Ok;
    }
}
