using System.Globalization;
using GateSync.Agent.Configuration;
using GateSync.Agent.Doors;
using GateSync.Agent.Readers;

namespace GateSync.Agent.Cli.Settings;

/// <summary>What the agent will do with valid settings, in the landlord's words. No passwords, no ID numbers.</summary>
public static class SettingsSummary
{
    public static void Write(TextWriter output, AgentOptions options, string dataDirectory)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(options);
        output.WriteLine($"  Site:     {options.SiteId}");
        output.WriteLine($"  Agent:    {options.AgentId}");
        output.WriteLine($"  Data:     {dataDirectory}");
        WriteList(output, "Readers:", options.Readers.Select(Describe));
        WriteList(output, "Doors:", options.Doors.Count == 0 ? ["none (every check-in is only recorded)"] : options.Doors.Select(Describe));
        output.WriteLine($"  Broker:   {Describe(options.Mqtt)}");
    }

    private static void WriteList(TextWriter output, string label, IEnumerable<string> items)
    {
        var first = true;
        foreach (var item in items)
        {
            output.WriteLine($"  {(first ? label : string.Empty),-9} {item}");
            first = false;
        }
    }

    private static string Describe(ReaderOptions reader) => reader.Kind switch
    {
        ReaderKind.Sam => $"{reader.ReaderId}: SAM ID-card reader on {reader.Port} at {reader.BaudRate} baud, {reader.Direction}",
        ReaderKind.LineSerial => $"{reader.ReaderId}: line reader on {reader.Port} at {reader.BaudRate} baud, {reader.Direction}",
        ReaderKind.EvdevKeyboard => $"{reader.ReaderId}: keyboard-style reader {reader.DevicePath}, {reader.Direction}",
        ReaderKind.Simulated => $"{reader.ReaderId}: SIMULATED reader ({reader.People} people), {reader.Direction} - not a real door",
        _ => $"{reader.ReaderId}: {reader.Kind}",
    };

    private static string Describe(DoorOptions door)
    {
        var relay = door.Policy == AccessPolicy.RecordOnly
            ? "no relay"
            : string.Create(CultureInfo.InvariantCulture, $"relay {door.Relay} on {door.RelayPort}, held open {door.HoldOpenMilliseconds} ms");
        var staff = door.StaffIdNumbers.Count + door.StaffCardNumbers.Count;
        return $"{door.DoorId}: {door.Policy}, {relay}, readers {string.Join(", ", door.ReaderIds)}{(staff > 0 ? $", staff list of {staff}" : string.Empty)}";
    }

    private static string Describe(MqttOptions mqtt) =>
        $"{mqtt.Host}:{mqtt.Port}, TLS {(mqtt.UseTls ? "on" : "off")}, "
        + (string.IsNullOrEmpty(mqtt.Username) ? "no login" : $"user {mqtt.Username}")
        + $", client id {mqtt.ClientId ?? "(the agent id)"}";
}
