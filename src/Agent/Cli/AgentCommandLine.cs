using System.CommandLine;
using GateSync.Agent.Cli.Devices;
using GateSync.Agent.Cli.Probe;
using GateSync.Agent.Cli.Service;
using GateSync.Agent.Cli.Settings;

namespace GateSync.Agent.Cli;

/// <summary>
/// <c>gatesync-agent</c>'s command line: the service itself (no command, or <c>run</c>) and the landlord's setup
/// commands (<c>devices</c>, <c>probe</c>, <c>check-settings</c>, <c>install-service</c>, <c>uninstall-service</c>).
/// </summary>
public static class AgentCommandLine
{
    public static RootCommand Create(Machine machine, Func<string[], int> runService)
    {
        var root = RunCommand.Configure(
            new RootCommand("GateSync agent: reads ID cards at a door, keeps every check-in and sends it to the hub. With no command it runs the service."),
            runService);
        root.Subcommands.Add(RunCommand.Create(runService));
        root.Subcommands.Add(DevicesCommand.Create(machine));
        root.Subcommands.Add(ProbeCommand.Create(machine));
        root.Subcommands.Add(CheckSettingsCommand.Create(machine));
        root.Subcommands.Add(InstallServiceCommand.Create(machine));
        root.Subcommands.Add(UninstallServiceCommand.Create(machine));
        return root;
    }

    /// <summary>Parses <paramref name="args"/> and runs the command; tests pass their own machine and writers.</summary>
    public static Task<int> InvokeAsync(
        string[] args, Machine? machine = null, TextWriter? output = null, TextWriter? error = null, CancellationToken cancellationToken = default) =>
        InvokeAsync(args, machine ?? new Machine(), RunService, output, error, cancellationToken);

    public static Task<int> InvokeAsync(
        string[] args, Machine machine, Func<string[], int> runService, TextWriter? output, TextWriter? error, CancellationToken cancellationToken)
    {
        // '@file' would be read as a response file; a setting's value may well start with '@'.
        var parse = Create(machine, runService).Parse(args, new ParserConfiguration { ResponseFileTokenReplacer = null });
        var invocation = new InvocationConfiguration
        {
            Output = output ?? Console.Out,
            Error = error ?? Console.Error,

            // The service host handles SIGTERM itself and needs its whole stop timeout to flush the outbox.
            ProcessTerminationTimeout = null,
        };
        return parse.InvokeAsync(invocation, cancellationToken);
    }

    private static int RunService(string[] hostArgs)
    {
        AgentHost.CreateBuilder(hostArgs).Build().Run();
        return ExitCodes.Ok;
    }
}
