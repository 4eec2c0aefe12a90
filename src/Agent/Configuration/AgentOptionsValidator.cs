using GateSync.Agent.Doors;
using GateSync.Agent.Readers;
using GateSync.Contracts.Wire;
using Microsoft.Extensions.Options;

namespace GateSync.Agent.Configuration;

/// <summary>Checks the whole <c>Agent</c> section at start; every failure names the setting as it is written in configuration.</summary>
public sealed class AgentOptionsValidator : IValidateOptions<AgentOptions>
{
    private const string S = AgentOptions.Section;

    public ValidateOptionsResult Validate(string? name, AgentOptions options)
    {
        var failures = new List<string>();
        CheckIdentifier(failures, $"{S}:SiteId", options.SiteId);
        CheckIdentifier(failures, $"{S}:AgentId", options.AgentId);
        if (string.IsNullOrWhiteSpace(options.DataDirectory))
        {
            failures.Add($"{S}:DataDirectory must be a directory path (was empty)");
        }

        CheckReaders(failures, options.Readers);
        failures.AddRange(DoorSettings.Check(options.Doors, [.. options.Readers.Select(r => r.ReaderId)]));
        CheckMqtt(failures, options.Mqtt);
        CheckPublishing(failures, options.Publishing);
        CheckOutbox(failures, options.Outbox);
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void CheckReaders(List<string> failures, List<ReaderOptions> readers)
    {
        if (readers.Count == 0)
        {
            failures.Add($"{S}:Readers must list at least one reader (e.g. {S}:Readers:0:ReaderId = gate-1, {S}:Readers:0:Kind = Simulated)");
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < readers.Count; i++)
        {
            var reader = readers[i];
            var key = $"{S}:Readers:{i}";
            CheckIdentifier(failures, $"{key}:ReaderId", reader.ReaderId);
            if (Identifier.IsValid(reader.ReaderId) && !seen.Add(reader.ReaderId))
            {
                failures.Add($"{key}:ReaderId must be unique among the agent's readers ('{reader.ReaderId}' appears twice)");
            }

            switch (reader.Kind)
            {
                case ReaderKind.Sam:
                    if (string.IsNullOrWhiteSpace(reader.Port))
                    {
                        failures.Add($"{key}:Port must name the reader's serial device, e.g. /dev/ttyUSB0 or COM3 (was empty)");
                    }

                    CheckPositive(failures, $"{key}:BaudRate", reader.BaudRate, "e.g. 115200");
                    CheckPositive(failures, $"{key}:PollIntervalMilliseconds", reader.PollIntervalMilliseconds, "e.g. 200");
                    break;
                case ReaderKind.Simulated:
                    CheckPositive(failures, $"{key}:People", reader.People, "e.g. 20");
                    if (!(reader.SwipesPerMinute > 0 && double.IsFinite(reader.SwipesPerMinute)))
                    {
                        failures.Add($"{key}:SwipesPerMinute must be a number above 0, e.g. 30 (was {reader.SwipesPerMinute})");
                    }

                    break;
                case ReaderKind.LineSerial:
                    if (string.IsNullOrWhiteSpace(reader.Port))
                    {
                        failures.Add($"{key}:Port must name the reader's serial device, e.g. /dev/ttyUSB0 or COM3 (was empty)");
                    }

                    CheckPositive(failures, $"{key}:BaudRate", reader.BaudRate, "e.g. 9600");
                    CheckTokenReader(failures, key, reader);
                    break;
                case ReaderKind.EvdevKeyboard:
                    if (string.IsNullOrWhiteSpace(reader.DevicePath))
                    {
                        failures.Add($"{key}:DevicePath must name the reader's evdev device, e.g. /dev/input/by-id/usb-Reader-event-kbd (was empty)");
                    }

                    CheckTokenReader(failures, key, reader);
                    break;
                default:
                    failures.Add($"{key}:Kind must be one of {string.Join(", ", Enum.GetNames<ReaderKind>())} (was {reader.Kind})");
                    break;
            }
        }
    }

    private static void CheckTokenReader(List<string> failures, string key, ReaderOptions reader)
    {
        CheckPositive(failures, $"{key}:MaxLineLength", reader.MaxLineLength, "e.g. 256");
        if (!(reader.DebounceSeconds >= 0 && double.IsFinite(reader.DebounceSeconds)))
        {
            failures.Add($"{key}:DebounceSeconds must be 0 or more, e.g. 3 (was {reader.DebounceSeconds})");
        }
    }

    private static void CheckMqtt(List<string> failures, MqttOptions mqtt)
    {
        if (string.IsNullOrWhiteSpace(mqtt.Host))
        {
            failures.Add($"{S}:Mqtt:Host must be the broker's host name or address (was empty)");
        }

        if (mqtt.Port is < 1 or > 65535)
        {
            failures.Add($"{S}:Mqtt:Port must be 1-65535, e.g. 1883 or 8883 for TLS (was {mqtt.Port})");
        }

        if (mqtt.ClientId is not null && (mqtt.ClientId.Length == 0 || mqtt.ClientId.Length > 128))
        {
            failures.Add($"{S}:Mqtt:ClientId must be 1-128 characters or absent to use the agent id (was '{mqtt.ClientId}')");
        }

        if (string.IsNullOrEmpty(mqtt.Username) && !string.IsNullOrEmpty(mqtt.Password))
        {
            failures.Add($"{S}:Mqtt:Username must be set when {S}:Mqtt:Password is");
        }

        if (!string.IsNullOrEmpty(mqtt.CaFile) && !File.Exists(mqtt.CaFile))
        {
            failures.Add($"{S}:Mqtt:CaFile must name a PEM file of the broker's CA (was '{mqtt.CaFile}', which does not exist)");
        }

        CheckPositive(failures, $"{S}:Mqtt:KeepAliveSeconds", mqtt.KeepAliveSeconds, "e.g. 30");
        CheckPositive(failures, $"{S}:Mqtt:ConnectTimeoutSeconds", mqtt.ConnectTimeoutSeconds, "e.g. 15");
    }

    private static void CheckPublishing(List<string> failures, PublishingOptions publishing)
    {
        if (!(publishing.DrainRatePerSecond > 0 && double.IsFinite(publishing.DrainRatePerSecond)))
        {
            failures.Add($"{S}:Publishing:DrainRatePerSecond must be a number above 0, e.g. 100 (was {publishing.DrainRatePerSecond})");
        }

        CheckPositive(failures, $"{S}:Publishing:StatusIntervalSeconds", publishing.StatusIntervalSeconds, "e.g. 60");
        CheckPositive(failures, $"{S}:Publishing:AckTimeoutSeconds", publishing.AckTimeoutSeconds, "e.g. 120");
    }

    private static void CheckOutbox(List<string> failures, OutboxOptions outbox)
    {
        if (!(outbox.RetentionHours >= 0 && double.IsFinite(outbox.RetentionHours)))
        {
            failures.Add($"{S}:Outbox:RetentionHours must be 0 or more, e.g. 72 (was {outbox.RetentionHours})");
        }

        if (!string.IsNullOrEmpty(outbox.Key) && !string.IsNullOrEmpty(outbox.KeyFile))
        {
            failures.Add($"{S}:Outbox:Key and {S}:Outbox:KeyFile are both set; set one of them");
        }

        if (!string.IsNullOrEmpty(outbox.KeyFile) && OutboxKey.Read(outbox.KeyFile) is null)
        {
            failures.Add($"{S}:Outbox:KeyFile must name a readable, non-empty file holding the outbox key (was '{outbox.KeyFile}')");
        }
    }

    private static void CheckIdentifier(List<string> failures, string setting, string? value)
    {
        if (!Identifier.IsValid(value))
        {
            failures.Add($"{setting} must be 1-{Identifier.MaxLength} characters of A-Z a-z 0-9 _ - (was '{value}')");
        }
    }

    private static void CheckPositive(List<string> failures, string setting, int value, string example)
    {
        if (value <= 0)
        {
            failures.Add($"{setting} must be a whole number above 0, {example} (was {value})");
        }
    }
}
