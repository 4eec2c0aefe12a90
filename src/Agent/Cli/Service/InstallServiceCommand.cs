using System.CommandLine;
using GateSync.Agent.Cli.Settings;

namespace GateSync.Agent.Cli.Service;

/// <summary><c>install-service</c>: writes this install's systemd unit and starts the agent at every boot.</summary>
public static class InstallServiceCommand
{
    public const string DefaultUser = "gatesync";

    public const string DefaultDataDirectory = "/var/lib/gatesync-agent";

    public static Command Create(Machine machine)
    {
        var settings = CliOptions.Settings(CliOptions.DefaultSettingsFile);
        var user = new Option<string>("--user") { Description = "The account the service runs as.", DefaultValueFactory = _ => DefaultUser };
        var dataDirectory = new Option<string>("--data-dir")
        {
            Description = "Where the agent keeps its outbox; systemd creates the default for the service user.",
            DefaultValueFactory = _ => DefaultDataDirectory,
            HelpName = "dir",
        };
        var unitPath = ServiceOptions.UnitPath();
        var dryRun = ServiceOptions.DryRun();
        var command = new Command("install-service", "Install and start the agent as the systemd service gatesync-agent.")
        {
            settings, user, dataDirectory, unitPath, dryRun,
        };
        command.SetAction((parse, cancellationToken) =>
        {
            var request = new InstallRequest(
                Path.GetFullPath(parse.GetValue(settings) ?? CliOptions.DefaultSettingsFile),
                parse.GetRequiredValue(user),
                Path.GetFullPath(parse.GetRequiredValue(dataDirectory)),
                parse.GetValue(unitPath),
                parse.GetValue(dryRun));
            return InstallAsync(machine, request, parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error, cancellationToken);
        });
        return command;
    }

    private static async Task<int> InstallAsync(Machine machine, InstallRequest request, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        if (!request.DryRun && ServiceOptions.Refusal(machine, "install-service") is { } refusal)
        {
            error.WriteLine(refusal);
            return ExitCodes.CannotRun;
        }

        if (!File.Exists(request.SettingsFile))
        {
            error.WriteLine($"There is no settings file at {request.SettingsFile}. Write it first:");
            error.WriteLine($"  sudo mkdir -p {Path.GetDirectoryName(request.SettingsFile)} && sudo cp config/agent.example.json {request.SettingsFile}");
            error.WriteLine("then edit it and run check-settings (or name another file with --settings).");
            return ExitCodes.CannotRun;
        }

        // The settings as the service will see them: its working directory, its file, its data directory.
        var check = SettingsCheck.Run(
            ["--contentRoot", machine.Install.Directory, "--settings", request.SettingsFile, $"--Agent:DataDirectory={request.DataDirectory}"]);
        if (!check.IsValid)
        {
            error.WriteLine($"The agent would not start with {request.SettingsFile}; fix these first, then install again:");
            foreach (var failure in check.Failures)
            {
                error.WriteLine($"  - {failure}");
            }

            return ExitCodes.Failed;
        }

        if (!machine.UserExists(request.User))
        {
            var create = $"sudo useradd --system --no-create-home --shell /usr/sbin/nologin {request.User}";
            if (!request.DryRun)
            {
                error.WriteLine($"There is no user '{request.User}' for the service to run as. Create it, then install again:\n  {create}");
                return ExitCodes.CannotRun;
            }

            output.WriteLine($"Warning: there is no user '{request.User}' yet; create it before a real install: {create}");
        }

        WarnAboutAccess(machine, request, output);
        var unit = SystemdUnit.Render(new ServiceSettings(machine.Install, request.SettingsFile, request.DataDirectory, request.User));
        var directory = request.UnitDirectory ?? (request.DryRun ? null : machine.UnitDirectory);
        if (directory is null)
        {
            output.WriteLine($"The unit {SystemdUnit.FileName} would be:");
            output.WriteLine(unit);
        }
        else
        {
            Directory.CreateDirectory(directory);
            var file = Path.Combine(directory, SystemdUnit.FileName);
            await File.WriteAllTextAsync(file, unit, cancellationToken).ConfigureAwait(false);
            output.WriteLine($"Wrote {file}");
        }

        if (!await ServiceOptions.SystemctlAsync(
                machine, request.DryRun, output, error, cancellationToken, ["daemon-reload"], ["enable", "--now", SystemdUnit.ServiceName]).ConfigureAwait(false))
        {
            return ExitCodes.Failed;
        }

        output.WriteLine(request.DryRun
            ? "Dry run: nothing was registered with systemd."
            : $"{SystemdUnit.ServiceName} is installed, started, and starts at every boot.");
        output.WriteLine($"Check it: systemctl status {SystemdUnit.ServiceName}; follow its log: journalctl -u {SystemdUnit.ServiceName} -f");
        return ExitCodes.Ok;
    }

    private static void WarnAboutAccess(Machine machine, InstallRequest request, TextWriter output)
    {
        var install = machine.Install.Directory;
        if (install.StartsWith("/root/", StringComparison.Ordinal) || install.StartsWith("/home/", StringComparison.Ordinal))
        {
            output.WriteLine($"Warning: the agent is installed under {install}; the service user '{request.User}' usually cannot read a home directory.");
            output.WriteLine("  Publish it to /opt/gatesync/agent instead (docs/agent-setup.md) and run install-service from there.");
        }

        if (request.DataDirectory != DefaultDataDirectory)
        {
            output.WriteLine($"Note: systemd creates {DefaultDataDirectory} for the service; make sure '{request.User}' can write {request.DataDirectory}:");
            output.WriteLine($"  sudo install -d -o {request.User} {request.DataDirectory}");
        }
    }

    private sealed record InstallRequest(string SettingsFile, string User, string DataDirectory, string? UnitDirectory, bool DryRun);
}
