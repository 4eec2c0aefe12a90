using System.Diagnostics;
using GateSync.Agent.Cli;
using GateSync.Testing;

namespace GateSync.Agent.Tests.Cli;

public sealed class CheckSettingsTests : IDisposable
{
    private const string BadSettings = """
        {
          "Agent": {
            "SiteId": "fr 0042",
            "AgentId": "fr-0042-a",
            "Readers": [ { "ReaderId": "gate-1", "Kind": "Sam", "Port": "" } ],
            "Mqtt": { "Host": "hub.example", "Port": 70000 }
          }
        }
        """;

    private readonly TempDirectory directory = new();

    public void Dispose() => directory.Dispose();

    [Fact]
    public async Task A_bad_settings_file_names_each_setting_and_exits_non_zero()
    {
        var file = Write("bad.json", BadSettings);

        var result = await CliRun.RunAsync(new Machine(), "check-settings", "--settings", file);

        Assert.True(result.ExitCode == ExitCodes.Failed, result.ToString());
        Assert.Contains("Agent:SiteId must be", result.Error, StringComparison.Ordinal);
        Assert.Contains("Agent:Readers:0:Port must name the reader's serial device", result.Error, StringComparison.Ordinal);
        Assert.Contains("Agent:Mqtt:Port must be 1-65535", result.Error, StringComparison.Ordinal);
        Assert.Contains(file, result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_value_that_does_not_convert_is_named_by_its_setting()
    {
        var file = Write("kind.json", """{ "Agent": { "SiteId": "s", "AgentId": "a", "Readers": [ { "ReaderId": "gate-1", "Kind": "Samm" } ] } }""");

        var result = await CliRun.RunAsync(new Machine(), "check-settings", "--settings", file);

        Assert.True(result.ExitCode == ExitCodes.Failed, result.ToString());
        Assert.Contains("Agent:Readers:0:Kind", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_broken_JSON_file_is_reported_with_its_name()
    {
        var file = Write("broken.json", """{ "Agent": { "SiteId": "s", """);

        var result = await CliRun.RunAsync(new Machine(), "check-settings", "--settings", file);

        Assert.True(result.ExitCode == ExitCodes.Failed, result.ToString());
        Assert.Contains("broken.json", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_settings_file_says_where_to_start_from()
    {
        var result = await CliRun.RunAsync(new Machine(), "check-settings", "--settings", directory.File("nowhere.json"));

        Assert.True(result.ExitCode == ExitCodes.Failed, result.ToString());
        Assert.Contains("config/agent.example.json", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_shipped_example_is_valid_and_summarised()
    {
        var example = RepositoryFiles.Path("config", "agent.example.json");

        var result = await CliRun.RunAsync(new Machine(), "check-settings", "--settings", example);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("Settings are valid", result.Output, StringComparison.Ordinal);
        Assert.Contains("Site:     fr-0042", result.Output, StringComparison.Ordinal);
        Assert.Contains("SAM ID-card reader on /dev/ttyUSB0", result.Output, StringComparison.Ordinal);
        Assert.Contains("front-door: ValidCard", result.Output, StringComparison.Ordinal);
        Assert.Contains("Broker:", result.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("change-me", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Command_line_overrides_are_checked_as_the_service_would_take_them()
    {
        var example = RepositoryFiles.Path("config", "agent.example.json");

        var result = await CliRun.RunAsync(new Machine(), "check-settings", "--settings", example, "--Agent:Mqtt:Port=0");

        Assert.True(result.ExitCode == ExitCodes.Failed, result.ToString());
        Assert.Contains("Agent:Mqtt:Port", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_appsettings_next_to_the_installed_agent_count_as_they_do_for_the_service()
    {
        var install = Directory.CreateDirectory(directory.File("install")).FullName;
        File.WriteAllText(Path.Combine(install, "appsettings.json"), """{ "Agent": { "SiteId": "from-install-dir" } }""");
        var file = Write("partial.json", """{ "Agent": { "AgentId": "a-1", "Readers": [ { "ReaderId": "gate-1", "Kind": "Sam", "Port": "/dev/ttyUSB0" } ] } }""");
        var machine = new Machine { Install = new GateSync.Agent.Cli.Service.AgentInstall("/usr/bin/dotnet", Path.Combine(install, "gatesync-agent.dll")) };

        var result = await CliRun.RunAsync(machine, "check-settings", "--settings", file);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("Site:     from-install-dir", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_real_program_checks_settings_and_exits_non_zero()
    {
        var file = Write("bad.json", BadSettings);
        var agent = typeof(AgentCommandLine).Assembly.Location;
        var start = new ProcessStartInfo(DotnetHost(), [agent, "check-settings", "--settings", file])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = directory.Path,
        };

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }

        var said = $"{await output}\n{await error}";
        Assert.True(process.ExitCode == ExitCodes.Failed, said);
        Assert.Contains("Agent:Readers:0:Port", await error, StringComparison.Ordinal);
    }

    private static string DotnetHost() =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet";

    private string Write(string name, string json)
    {
        var file = directory.File(name);
        File.WriteAllText(file, json);
        return file;
    }
}
