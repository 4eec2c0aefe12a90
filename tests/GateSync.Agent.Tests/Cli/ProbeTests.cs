using GateSync.Agent.Cli;
using GateSync.Agent.Readers.Sam;
using GateSync.Contracts.Identity;
using GateSync.Testing;
using GateSync.Testing.Sam;

namespace GateSync.Agent.Tests.Cli;

public sealed class ProbeTests : IDisposable
{
    // No fake devices: the snippet names the port as given.
    private readonly TempDirectory emptyRoot = new();

    public void Dispose() => emptyRoot.Dispose();

    [Fact]
    public async Task Probe_finds_the_SAM_reader_and_reads_one_card_masked()
    {
        using var pty = await SocatPtyPair.StartAsync();
        await using var reader = SamReaderEmulator.Open(pty.DeviceSide);
        var card = TestCards.Zhangsan;
        reader.PlaceCard(card);

        var result = await CliRun.RunAsync(Machine(), "probe", pty.AgentSide, "--timeout", "60");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("SAM reader answered (status 90)", result.Output, StringComparison.Ordinal);
        Assert.Contains(PersonalDataMask.IdNumber(card.IdNumber), result.Output, StringComparison.Ordinal);
        Assert.Contains(PersonalDataMask.Name(card.Name), result.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(card.IdNumber, result.All, StringComparison.Ordinal);
        Assert.DoesNotContain(card.Name, result.All, StringComparison.Ordinal);
        Assert.DoesNotContain("1949-12-31", result.All, StringComparison.Ordinal);
        Assert.DoesNotContain(card.Address!, result.All, StringComparison.Ordinal);
        Assert.Contains("\"Kind\": \"Sam\"", result.Output, StringComparison.Ordinal);
        Assert.Contains($"\"Port\": \"{pty.AgentSide}\"", result.Output, StringComparison.Ordinal);
        Assert.Contains("\"BaudRate\": 115200", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Probe_with_show_reveals_the_card_to_the_person_at_the_terminal()
    {
        using var pty = await SocatPtyPair.StartAsync();
        await using var reader = SamReaderEmulator.Open(pty.DeviceSide);
        reader.PlaceCard(TestCards.FengrunLocal);

        var result = await CliRun.RunAsync(Machine(), "probe", pty.AgentSide, "--timeout", "60", "--show");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains(TestCards.FengrunLocal.IdNumber, result.Output, StringComparison.Ordinal);
        Assert.Contains(TestCards.FengrunLocal.Name, result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_silent_port_is_diagnosed_as_wrong_port_or_wrong_speed()
    {
        using var pty = await SocatPtyPair.StartAsync();

        var result = await CliRun.RunAsync(Machine(), "probe", pty.AgentSide);

        Assert.True(result.ExitCode == ExitCodes.Failed, result.ToString());
        Assert.Contains($"No answer from {pty.AgentSide} at 115200 baud", result.Error, StringComparison.Ordinal);
        Assert.Contains($"gatesync-agent probe {pty.AgentSide} --baud 9600", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("Place an ID card", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_reader_without_a_card_still_gets_its_settings_and_is_told_to_lay_a_card_on_it()
    {
        using var pty = await SocatPtyPair.StartAsync();
        await using var reader = SamReaderEmulator.Open(pty.DeviceSide);

        var result = await CliRun.RunAsync(Machine(), "probe", pty.AgentSide, "--timeout", "1");

        Assert.True(result.ExitCode == ExitCodes.Failed, result.ToString());
        Assert.Contains("SAM reader answered (status 90)", result.Output, StringComparison.Ordinal);
        Assert.Contains("No card was read within 1 s", result.Output, StringComparison.Ordinal);
        Assert.Contains("\"Kind\": \"Sam\"", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Permission_denied_gives_the_exact_dialout_command()
    {
        var machine = Machine() with { UserName = "landlord", SerialPorts = (device, _) => new DeniedPort(device) };

        var result = await CliRun.RunAsync(machine, "probe", "/dev/ttyUSB0");

        Assert.Equal(ExitCodes.CannotRun, result.ExitCode);
        Assert.Contains("sudo usermod -aG dialout landlord", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_port_that_does_not_exist_points_to_the_devices_command()
    {
        var missing = Path.Combine(emptyRoot.Path, "ttyUSB9");

        var result = await CliRun.RunAsync(Machine(), "probe", missing);

        Assert.Equal(ExitCodes.CannotRun, result.ExitCode);
        Assert.Contains($"There is no device at {missing}", result.Error, StringComparison.Ordinal);
        Assert.Contains("gatesync-agent devices", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_bad_baud_rate_is_refused_by_the_parser()
    {
        var result = await CliRun.RunAsync(Machine(), "probe", "/dev/ttyUSB0", "--baud", "0");

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("--baud must be a positive speed", result.Error, StringComparison.Ordinal);
    }

    private Machine Machine() => new() { DevRoot = emptyRoot.Path, SysRoot = emptyRoot.Path };

    private sealed class DeniedPort(string device) : ISerialLinkFactory
    {
        public string Device => device;

        public bool DeviceExists() => true;

        public ISerialLink Open() => throw new UnauthorizedAccessException($"Access to the port '{device}' is denied.");
    }
}
