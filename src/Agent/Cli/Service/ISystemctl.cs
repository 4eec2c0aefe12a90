using System.Diagnostics;

namespace GateSync.Agent.Cli.Service;

/// <summary>Runs <c>systemctl</c>; a fake in tests, where there is no systemd.</summary>
public interface ISystemctl
{
    /// <summary>Runs <c>systemctl</c> with <paramref name="arguments"/>; its exit code and what it printed.</summary>
    Task<SystemctlResult> RunAsync(IReadOnlyList<string> arguments, CancellationToken cancellationToken);
}

public sealed record SystemctlResult(int ExitCode, string Output);

/// <summary>The real <c>systemctl</c> on the PATH.</summary>
public sealed class ProcessSystemctl : ISystemctl
{
    public async Task<SystemctlResult> RunAsync(IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo("systemctl") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("systemctl did not start");
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        return new SystemctlResult(process.ExitCode, (await output.ConfigureAwait(false)) + (await error.ConfigureAwait(false)));
    }
}
