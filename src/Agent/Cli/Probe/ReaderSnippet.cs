using System.Text.Json;
using GateSync.Agent.Cli.Devices;

namespace GateSync.Agent.Cli.Probe;

/// <summary>The <c>Agent:Readers</c> entry for a probed SAM reader, naming the port by its most stable link.</summary>
public static class ReaderSnippet
{
    public static string For(string port, int baud, Machine machine)
    {
        ArgumentNullException.ThrowIfNull(machine);
        var stable = StablePort(port, machine);
        // Escaped as JsonSerializer.Serialize(string) would (same default encoder), without the reflection serializer
        // that native AOT warns about (IL2026/IL3050).
        return $$"""
            "Agent": {
              "Readers": [
                {
                  "ReaderId": "gate-1",
                  "Kind": "Sam",
                  "Port": "{{JsonEncodedText.Encode(stable)}}",
                  "BaudRate": {{baud}},
                  "Direction": "In"
                }
              ]
            }
            """;
    }

    /// <summary><c>/dev/ttyUSB0</c> may be another device after a reboot; its by-id (or by-path) link is not.</summary>
    public static string StablePort(string port, Machine machine)
    {
        ArgumentNullException.ThrowIfNull(machine);
        if (!OperatingSystem.IsLinux())
        {
            return port;
        }

        var real = RealPath.Resolve(port);
        if (real is null)
        {
            return port;
        }

        var device = new DeviceScanner(machine.DevRoot, machine.SysRoot).SerialDevices()
            .FirstOrDefault(d => RealPath.Resolve(d.DevicePath) == real);
        return device is null ? port : DeviceClassifier.SettingsPort(device);
    }
}
