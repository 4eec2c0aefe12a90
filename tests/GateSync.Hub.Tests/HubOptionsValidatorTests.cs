using GateSync.Testing;
using Microsoft.Extensions.Options;

namespace GateSync.Hub.Tests;

public sealed class HubOptionsValidatorTests
{
    private static ValidateOptionsResult Validate(Action<HubOptions> change)
    {
        var options = new HubOptions();
        change(options);
        return new HubOptionsValidator().Validate(null, options);
    }

    [Fact]
    public void The_defaults_are_valid()
    {
        Assert.True(Validate(_ => { }).Succeeded);
    }

    [Theory]
    [InlineData("Hub:Mqtt:External:Host")]
    public void External_mode_without_a_host_names_the_setting(string setting)
    {
        var result = Validate(o => o.Mqtt.Mode = MqttMode.External);

        Assert.True(result.Failed);
        Assert.Contains(setting, result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Each_bad_setting_is_named_in_the_failure()
    {
        var result = Validate(o =>
        {
            o.Mqtt.Embedded.Port = 0;
            o.Mqtt.Embedded.BindAddress = "not-an-ip";
            o.Mqtt.SharedSubscription = true;
            o.Auth.BootstrapAdminToken = "short";
            o.Ingest.BatchSize = 0;
            o.Ingest.MaxBatchDelayMs = -1;
            o.DataDirectory = " ";
        });

        foreach (var setting in new[]
        {
            "Hub:Mqtt:Embedded:Port", "Hub:Mqtt:Embedded:BindAddress", "Hub:Mqtt:SharedSubscription",
            "Hub:Auth:BootstrapAdminToken", "Hub:Ingest:BatchSize", "Hub:Ingest:MaxBatchDelayMs", "Hub:DataDirectory",
        })
        {
            Assert.Contains(setting, result.FailureMessage, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void A_broker_CA_file_that_is_missing_holds_no_certificate_or_comes_without_TLS_is_refused_with_what_to_do()
    {
        using var data = new TempDirectory();
        var notPem = Path.Combine(data.Path, "ca.crt");
        File.WriteAllText(notPem, "this is not a certificate");

        string? Failure(string caFile, bool useTls) => Validate(o =>
        {
            o.Mqtt.Mode = MqttMode.External;
            o.Mqtt.External.Host = "broker.district.example";
            o.Mqtt.External.UseTls = useTls;
            o.Mqtt.External.CaFile = caFile;
        }).FailureMessage;

        Assert.Contains("Hub:Mqtt:External:CaFile must name a PEM file", Failure(Path.Combine(data.Path, "missing.crt"), useTls: true), StringComparison.Ordinal);
        Assert.Contains("Hub:Mqtt:External:CaFile must hold a PEM certificate", Failure(notPem, useTls: true), StringComparison.Ordinal);
        Assert.Contains("Hub:Mqtt:External:CaFile needs Hub:Mqtt:External:UseTls true", Failure(notPem, useTls: false), StringComparison.Ordinal);
    }

    [Fact]
    public void The_hub_refuses_to_start_with_a_bad_setting_and_says_which()
    {
        using var data = new TempDirectory();
        var app = HubApp.Build(["--urls", "http://127.0.0.1:0", "--Hub:DataDirectory", data.Path, "--Hub:Ingest:BatchSize", "0"]);

        var error = Assert.ThrowsAny<OptionsValidationException>(() => app.StartAsync().GetAwaiter().GetResult());

        Assert.Contains("Hub:Ingest:BatchSize", error.Message, StringComparison.Ordinal);
        ((IDisposable)app).Dispose();
    }
}
