using System.CommandLine;

namespace GateSync.Agent.Cli.Service;

/// <summary>Options and checks that <c>install-service</c> and <c>uninstall-service</c> share.</summary>
public static class ServiceOptions
{
    public static Option<bool> DryRun() => new("--dry-run")
    {
        Description = "Run no systemctl and change nothing under /etc/systemd/system: print the unit and the commands (with --unit-path, write the unit there).",
    };

    public static Option<string?> UnitPath() => new("--unit-path")
    {
        Description = "Directory to write the unit to instead of /etc/systemd/system (for a test or a review).",
        HelpName = "dir",
    };

    /// <summary>Null when systemctl may be run; otherwise why not and what to do.</summary>
    public static string? Refusal(Machine machine, string verb)
    {
        ArgumentNullException.ThrowIfNull(machine);
        if (!machine.HasSystemd)
        {
            return $"This machine does not run systemd (/run/systemd/system is missing), so {verb} cannot register a service.\n"
                + "Use --dry-run to see the unit, or start the agent another way (docs/agent-setup.md: running without systemd, Windows).";
        }

        return machine.IsRoot
            ? null
            : $"{verb} changes /etc/systemd/system and runs systemctl, which needs root. Run the same command with sudo in front.";
    }

    /// <summary>Runs systemctl commands in order, or prints them for a dry run; false when one failed.</summary>
    public static async Task<bool> SystemctlAsync(
        Machine machine, bool dryRun, TextWriter output, TextWriter error, CancellationToken cancellationToken, params string[][] commands)
    {
        ArgumentNullException.ThrowIfNull(machine);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        foreach (var arguments in commands)
        {
            var line = "systemctl " + string.Join(' ', arguments);
            if (dryRun)
            {
                output.WriteLine($"  would run: {line}");
                continue;
            }

            output.WriteLine($"  running: {line}");
            var result = await machine.Systemctl.RunAsync(arguments, cancellationToken).ConfigureAwait(false);
            if (result.ExitCode != 0)
            {
                error.WriteLine($"`{line}` failed (exit {result.ExitCode}): {result.Output.Trim()}");
                error.WriteLine($"See why: journalctl -u {SystemdUnit.ServiceName} -n 50");
                return false;
            }
        }

        return true;
    }
}
