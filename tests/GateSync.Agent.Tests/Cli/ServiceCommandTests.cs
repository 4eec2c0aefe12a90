using GateSync.Agent.Cli;
using GateSync.Agent.Cli.Service;
using GateSync.Testing;

namespace GateSync.Agent.Tests.Cli;

public sealed class ServiceCommandTests : IDisposable
{
    private readonly TempDirectory directory = new();
    private readonly RecordingSystemctl systemctl = new();

    public ServiceCommandTests()
    {
        Directory.CreateDirectory(InstallDirectory);
        File.Copy(RepositoryFiles.Path("config", "agent.example.json"), SettingsFile);
    }

    private string InstallDirectory => directory.File("opt-gatesync-agent");

    private string SettingsFile => directory.File("agent.json");

    private string UnitDirectory => directory.File("units");

    private string UnitFile => Path.Combine(UnitDirectory, "gatesync-agent.service");

    public void Dispose() => directory.Dispose();

    [Fact]
    public async Task A_dry_run_writes_the_unit_with_this_installs_paths_and_runs_no_systemctl()
    {
        var result = await CliRun.RunAsync(
            Machine(), "install-service", "--settings", SettingsFile, "--user", "gatesync", "--dry-run", "--unit-path", UnitDirectory);

        Assert.True(result.ExitCode == 0, result.ToString());
        var unit = File.ReadAllLines(UnitFile);
        Assert.Contains($"ExecStart=/usr/bin/dotnet {InstallDirectory}/gatesync-agent.dll --settings {SettingsFile}", unit);
        Assert.Contains($"WorkingDirectory={InstallDirectory}", unit);
        Assert.Contains("User=gatesync", unit);
        Assert.Contains("Environment=Agent__DataDirectory=/var/lib/gatesync-agent", unit);
        Assert.Contains("Type=notify", unit);
        Assert.Contains("Restart=always", unit);
        Assert.Contains("would run: systemctl daemon-reload", result.Output, StringComparison.Ordinal);
        Assert.Contains("would run: systemctl enable --now gatesync-agent", result.Output, StringComparison.Ordinal);
        Assert.Empty(systemctl.Calls);
    }

    [Fact]
    public async Task A_dry_run_without_a_unit_path_prints_the_unit()
    {
        var result = await CliRun.RunAsync(Machine(), "install-service", "--settings", SettingsFile, "--dry-run");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains($"--settings {SettingsFile}", result.Output, StringComparison.Ordinal);
        Assert.False(Directory.Exists(UnitDirectory));
    }

    [Fact]
    public void Paths_with_spaces_are_quoted_for_systemd()
    {
        var unit = SystemdUnit.Render(new ServiceSettings(
            new AgentInstall("/usr/bin/dotnet", "/opt/gate sync/gatesync-agent.dll"), "/etc/gatesync/agent.json", "/var/lib/gatesync-agent", "gatesync"));

        Assert.Contains("ExecStart=/usr/bin/dotnet \"/opt/gate sync/gatesync-agent.dll\" --settings /etc/gatesync/agent.json", unit, StringComparison.Ordinal);
        Assert.Contains("WorkingDirectory=\"/opt/gate sync\"", unit, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_systemd_a_real_install_is_refused_with_what_to_do()
    {
        var result = await CliRun.RunAsync(Machine() with { HasSystemd = false }, "install-service", "--settings", SettingsFile);

        Assert.Equal(ExitCodes.CannotRun, result.ExitCode);
        Assert.Contains("does not run systemd", result.Error, StringComparison.Ordinal);
        Assert.Contains("--dry-run", result.Error, StringComparison.Ordinal);
        Assert.Empty(systemctl.Calls);
    }

    [Fact]
    public async Task Without_root_a_real_install_is_refused_with_sudo()
    {
        var result = await CliRun.RunAsync(Machine() with { IsRoot = false }, "install-service", "--settings", SettingsFile);

        Assert.Equal(ExitCodes.CannotRun, result.ExitCode);
        Assert.Contains("sudo", result.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(UnitFile));
    }

    [Fact]
    public async Task Invalid_settings_stop_the_install_before_anything_is_written()
    {
        File.WriteAllText(SettingsFile, """{ "Agent": { "SiteId": "", "AgentId": "a", "Readers": [] } }""");

        var result = await CliRun.RunAsync(Machine(), "install-service", "--settings", SettingsFile);

        Assert.Equal(ExitCodes.Failed, result.ExitCode);
        Assert.Contains("Agent:SiteId", result.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(UnitFile));
        Assert.Empty(systemctl.Calls);
    }

    [Fact]
    public async Task A_missing_service_user_is_refused_with_the_useradd_command()
    {
        var result = await CliRun.RunAsync(Machine() with { UserExists = _ => false }, "install-service", "--settings", SettingsFile);

        Assert.Equal(ExitCodes.CannotRun, result.ExitCode);
        Assert.Contains("sudo useradd --system --no-create-home --shell /usr/sbin/nologin gatesync", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Install_reloads_systemd_and_enables_the_service_and_uninstall_takes_it_away()
    {
        var install = await CliRun.RunAsync(Machine(), "install-service", "--settings", SettingsFile);

        Assert.True(install.ExitCode == 0, install.ToString());
        Assert.True(File.Exists(UnitFile));
        Assert.Equal(["daemon-reload", "enable --now gatesync-agent"], systemctl.Calls);
        Assert.Contains("journalctl -u gatesync-agent", install.Output, StringComparison.Ordinal);

        var uninstall = await CliRun.RunAsync(Machine(), "uninstall-service");

        Assert.True(uninstall.ExitCode == 0, uninstall.ToString());
        Assert.False(File.Exists(UnitFile));
        Assert.Equal(["daemon-reload", "enable --now gatesync-agent", "disable --now gatesync-agent", "daemon-reload"], systemctl.Calls);
        Assert.True(File.Exists(SettingsFile));
    }

    [Fact]
    public async Task A_failing_systemctl_is_reported_with_where_to_look()
    {
        systemctl.FailWith = "Failed to enable unit";

        var result = await CliRun.RunAsync(Machine(), "install-service", "--settings", SettingsFile);

        Assert.Equal(ExitCodes.Failed, result.ExitCode);
        Assert.Contains("Failed to enable unit", result.Error, StringComparison.Ordinal);
        Assert.Contains("journalctl -u gatesync-agent", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Uninstalling_what_is_not_installed_changes_nothing()
    {
        var result = await CliRun.RunAsync(Machine(), "uninstall-service");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("not installed", result.Output, StringComparison.Ordinal);
        Assert.Empty(systemctl.Calls);
    }

    /// <summary>A root machine with systemd whose unit directory is a temp directory.</summary>
    private Machine Machine() => new()
    {
        IsRoot = true,
        HasSystemd = true,
        UserExists = _ => true,
        Systemctl = systemctl,
        UnitDirectory = UnitDirectory,
        Install = new AgentInstall("/usr/bin/dotnet", Path.Combine(InstallDirectory, "gatesync-agent.dll")),
    };

    private sealed class RecordingSystemctl : ISystemctl
    {
        public List<string> Calls { get; } = [];

        public string? FailWith { get; set; }

        public Task<SystemctlResult> RunAsync(IReadOnlyList<string> arguments, CancellationToken cancellationToken)
        {
            Calls.Add(string.Join(' ', arguments));
            return Task.FromResult(FailWith is null ? new SystemctlResult(0, string.Empty) : new SystemctlResult(1, FailWith));
        }
    }
}
