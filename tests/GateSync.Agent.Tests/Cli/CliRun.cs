using GateSync.Agent.Cli;

namespace GateSync.Agent.Tests.Cli;

/// <summary>What one in-process run of <c>gatesync-agent</c> printed and returned.</summary>
public sealed record CliResult(int ExitCode, string Output, string Error)
{
    public string All => Output + Error;

    public override string ToString() => $"exit {ExitCode}\n--- stdout ---\n{Output}\n--- stderr ---\n{Error}";
}

/// <summary>Runs the agent's command line in this process through its real entry point, capturing what it prints.</summary>
public static class CliRun
{
    public static Task<CliResult> RunAsync(Machine machine, params string[] args) =>
        RunAsync(machine, _ => throw new InvalidOperationException("the service must not start in this test"), args);

    public static async Task<CliResult> RunAsync(Machine machine, Func<string[], int> runService, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        var exit = await AgentCommandLine.InvokeAsync(args, machine, runService, output, error, timeout.Token);
        return new CliResult(exit, output.ToString(), error.ToString());
    }
}
