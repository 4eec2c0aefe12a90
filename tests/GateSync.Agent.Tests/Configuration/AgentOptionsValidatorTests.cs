using GateSync.Agent.Configuration;
using GateSync.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace GateSync.Agent.Tests.Configuration;

public sealed class AgentOptionsValidatorTests
{
    private static readonly Dictionary<string, string?> Valid = new()
    {
        ["Agent:SiteId"] = "fr-0042",
        ["Agent:AgentId"] = "fr-0042-a",
        ["Agent:Readers:0:ReaderId"] = "gate-1",
        ["Agent:Readers:0:Kind"] = "Simulated",
        ["Agent:Readers:1:ReaderId"] = "gate-2",
        ["Agent:Readers:1:Kind"] = "Sam",
        ["Agent:Readers:1:Port"] = "/dev/ttyUSB0",
    };

    [Fact]
    public void Valid_settings_pass_and_defaults_fill_the_rest()
    {
        var options = Resolve(Valid);

        Assert.Equal("./data", options.DataDirectory);
        Assert.Equal(1883, options.Mqtt.Port);
        Assert.Equal(2, options.Readers.Count);
    }

    [Theory]
    [InlineData("Agent:SiteId", "fr/0042", "Agent:SiteId must be 1-64 characters of A-Z a-z 0-9 _ - (was 'fr/0042')")]
    [InlineData("Agent:AgentId", "", "Agent:AgentId must be 1-64 characters")]
    [InlineData("Agent:Readers:1:Port", "", "Agent:Readers:1:Port must name the reader's serial device")]
    [InlineData("Agent:Readers:1:ReaderId", "gate-1", "Agent:Readers:1:ReaderId must be unique")]
    [InlineData("Agent:Readers:0:ReaderId", "gate #1", "Agent:Readers:0:ReaderId must be 1-64 characters")]
    [InlineData("Agent:Readers:0:SwipesPerMinute", "0", "Agent:Readers:0:SwipesPerMinute must be a number above 0")]
    [InlineData("Agent:Readers:1:Kind", "EvdevKeyboard", "Agent:Readers:1:DevicePath must name the reader's evdev device")]
    [InlineData("Agent:Mqtt:Port", "0", "Agent:Mqtt:Port must be 1-65535")]
    [InlineData("Agent:Mqtt:Host", "", "Agent:Mqtt:Host must be")]
    [InlineData("Agent:Publishing:DrainRatePerSecond", "-1", "Agent:Publishing:DrainRatePerSecond must be a number above 0")]
    [InlineData("Agent:Publishing:StatusIntervalSeconds", "0", "Agent:Publishing:StatusIntervalSeconds must be a whole number above 0")]
    public void A_wrong_setting_fails_with_its_full_name_and_what_is_expected(string key, string value, string expected)
    {
        var settings = new Dictionary<string, string?>(Valid) { [key] = value };

        var error = Assert.Throws<OptionsValidationException>(() => Resolve(settings));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_agent_without_readers_is_refused()
    {
        var settings = new Dictionary<string, string?>
        {
            ["Agent:SiteId"] = "fr-0042",
            ["Agent:AgentId"] = "fr-0042-a",
        };

        var error = Assert.Throws<OptionsValidationException>(() => Resolve(settings));

        Assert.Contains("Agent:Readers must list at least one reader", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_host_refuses_to_start_with_a_wrong_setting()
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>(Valid) { ["Agent:Mqtt:Port"] = "70000" });
        builder.Services.AddAgentOptions(builder.Configuration);
        using var host = builder.Build();

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains("Agent:Mqtt:Port", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_settings_file_named_on_the_command_line_is_read_and_environment_style_settings_still_override_it()
    {
        using var directory = new TempDirectory();
        var file = directory.File("site.json");
        File.WriteAllText(file, """{ "Agent": { "SiteId": "from-file", "AgentId": "agent-from-file" } }""");
        var configuration = new ConfigurationManager();
        configuration.AddCommandLine(["--settings", file]);

        // Stands in for Agent__AgentId in the environment: a source added after the file.
        configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Agent:AgentId"] = "from-env" });
        configuration.AddAgentSettingsFile();

        Assert.Equal("from-file", configuration["Agent:SiteId"]);
        Assert.Equal("from-env", configuration["Agent:AgentId"]);
    }

    private static AgentOptions Resolve(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection().AddAgentOptions(configuration);
        using var provider = services.BuildServiceProvider();
        return provider.GetRequiredService<IOptions<AgentOptions>>().Value;
    }
}
