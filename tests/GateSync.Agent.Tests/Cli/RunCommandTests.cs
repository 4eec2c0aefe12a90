using GateSync.Agent.Cli;

namespace GateSync.Agent.Tests.Cli;

public sealed class RunCommandTests
{
    [Fact]
    public async Task No_command_runs_the_service_with_the_settings_file_and_every_override()
    {
        string[]? hostArgs = null;

        var result = await CliRun.RunAsync(
            new Machine(), args => { hostArgs = args; return 0; }, "--settings", "/etc/gatesync/agent.json", "--Agent:SiteId=fr-0042", "--Agent:Mqtt:Port", "1884");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(["--settings", "/etc/gatesync/agent.json", "--Agent:SiteId=fr-0042", "--Agent:Mqtt:Port", "1884"], hostArgs ?? []);
    }

    [Fact]
    public async Task Run_runs_the_service_too()
    {
        string[]? hostArgs = null;

        var result = await CliRun.RunAsync(new Machine(), args => { hostArgs = args; return 0; }, "run", "--Agent:AgentId=a-1");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(["--Agent:AgentId=a-1"], hostArgs ?? []);
    }

    [Fact]
    public async Task A_mistyped_command_is_refused_rather_than_starting_the_service()
    {
        var result = await CliRun.RunAsync(new Machine(), "devics");

        Assert.Equal(ExitCodes.Failed, result.ExitCode);
        Assert.Contains("'devics' is not a command", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Help_lists_the_landlords_commands()
    {
        var result = await CliRun.RunAsync(new Machine(), "--help");

        Assert.Equal(0, result.ExitCode);
        foreach (var command in new[] { "devices", "probe", "check-settings", "install-service", "uninstall-service", "run" })
        {
            Assert.Contains(command, result.Output, StringComparison.Ordinal);
        }
    }
}
