using System.Net;
using GateSync.Hub.Broker;
using Microsoft.Extensions.Options;

namespace GateSync.Hub;

/// <summary>Checks the <c>Hub</c> settings at start; every failure names the setting and what it expects.</summary>
internal sealed class HubOptionsValidator : IValidateOptions<HubOptions>
{
    public const int MinimumTokenLength = 16;
    public const int MaximumBatchSize = 10_000;
    public const int MaximumBatchDelayMs = 10_000;

    public ValidateOptionsResult Validate(string? name, HubOptions options)
    {
        var failures = new List<string>();

        if (string.IsNullOrWhiteSpace(options.DataDirectory))
        {
            failures.Add("Hub:DataDirectory must be a directory path (default ./data).");
        }

        ValidateMqtt(options.Mqtt, failures);

        var token = options.Auth.BootstrapAdminToken;
        if (!string.IsNullOrEmpty(token) && (token.Length < MinimumTokenLength || token.Any(char.IsWhiteSpace)))
        {
            failures.Add($"Hub:Auth:BootstrapAdminToken must be at least {MinimumTokenLength} characters without spaces, or empty for none.");
        }

        if (options.Ingest.BatchSize is < 1 or > MaximumBatchSize)
        {
            failures.Add($"Hub:Ingest:BatchSize must be 1-{MaximumBatchSize} (was {options.Ingest.BatchSize}).");
        }

        if (options.Ingest.MaxBatchDelayMs is < 0 or > MaximumBatchDelayMs)
        {
            failures.Add($"Hub:Ingest:MaxBatchDelayMs must be 0-{MaximumBatchDelayMs} (was {options.Ingest.MaxBatchDelayMs}).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void ValidateMqtt(HubMqttOptions mqtt, List<string> failures)
    {
        if (!Enum.IsDefined(mqtt.Mode))
        {
            failures.Add($"Hub:Mqtt:Mode must be Embedded or External (was {mqtt.Mode}).");
        }

        if (mqtt.Mode == MqttMode.Embedded)
        {
            if (!IsPort(mqtt.Embedded.Port))
            {
                failures.Add($"Hub:Mqtt:Embedded:Port must be 1-65535 (was {mqtt.Embedded.Port}).");
            }

            if (!string.IsNullOrWhiteSpace(mqtt.Embedded.BindAddress) && !IPAddress.TryParse(mqtt.Embedded.BindAddress, out _))
            {
                failures.Add($"Hub:Mqtt:Embedded:BindAddress must be an IP address such as 0.0.0.0 or 127.0.0.1 (was '{mqtt.Embedded.BindAddress}').");
            }

            if (mqtt.SharedSubscription)
            {
                failures.Add("Hub:Mqtt:SharedSubscription needs Hub:Mqtt:Mode External: the embedded broker serves one hub.");
            }
        }

        if (mqtt.Mode == MqttMode.External)
        {
            if (string.IsNullOrWhiteSpace(mqtt.External.Host))
            {
                failures.Add("Hub:Mqtt:External:Host must name the broker (host name or IP) when Hub:Mqtt:Mode is External.");
            }

            if (!IsPort(mqtt.External.Port))
            {
                failures.Add($"Hub:Mqtt:External:Port must be 1-65535 (was {mqtt.External.Port}).");
            }

            if (string.IsNullOrWhiteSpace(mqtt.External.ClientId) || mqtt.External.ClientId.Length > 64)
            {
                failures.Add("Hub:Mqtt:External:ClientId must be 1-64 characters, fixed per hub instance (default gatesync-hub).");
            }

            if (!string.IsNullOrEmpty(mqtt.External.Password) && string.IsNullOrEmpty(mqtt.External.Username))
            {
                failures.Add("Hub:Mqtt:External:Username must be set when Hub:Mqtt:External:Password is.");
            }

            if (BrokerTls.ProblemWith(mqtt.External) is { } tlsProblem)
            {
                failures.Add(tlsProblem);
            }
        }
    }

    private static bool IsPort(int port) => port is >= 1 and <= 65535;
}
