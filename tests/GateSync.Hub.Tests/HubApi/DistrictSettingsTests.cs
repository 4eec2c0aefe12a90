using GateSync.Testing;
using GateSync.Testing.Processes;
using Microsoft.Extensions.Options;

namespace GateSync.Hub.Tests.HubApi;

public sealed class DistrictSettingsTests
{
    [Theory]
    [InlineData("Hub:District:AreaCode", "1302")]
    [InlineData("Hub:District:TimeZone", "Mars/Olympus")]
    [InlineData("Hub:District:ResidentWindowDays", "1")]
    [InlineData("Hub:Import:ChunkSize", "0")]
    public async Task The_hub_refuses_to_start_with_a_bad_district_setting_and_names_it(string setting, string value)
    {
        using var data = new TempDirectory();
        await using var app = HubApp.Build(
        [
            "--urls", "http://127.0.0.1:0", "--Hub:DataDirectory", data.Path, "--Hub:Mqtt:Embedded:Port", FreeTcpPort.Next().ToString(),
            "--Hub:Mqtt:Embedded:BindAddress", "127.0.0.1", "--Logging:LogLevel:Default", "Warning", $"--{setting}", value,
        ]);

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => app.StartAsync());

        Assert.Contains(setting, error.Message, StringComparison.Ordinal);
    }
}
