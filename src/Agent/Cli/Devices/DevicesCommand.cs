using System.CommandLine;

namespace GateSync.Agent.Cli.Devices;

/// <summary><c>devices</c>: the serial ports and keyboard-style readers on this machine, what each probably is, and the setting for it.</summary>
public static class DevicesCommand
{
    public static Command Create(Machine machine)
    {
        var command = new Command("devices", "List serial ports and keyboard-style card readers, what each probably is, and the setting to use.");
        command.SetAction(parse =>
        {
            var output = parse.InvocationConfiguration.Output;
            var found = Find(machine);
            if (found.Count == 0)
            {
                output.WriteLine("No serial ports or keyboard-style readers found.");
                output.WriteLine("Plug the reader in, wait a few seconds and run devices again; `dmesg | tail` shows whether the kernel saw it.");
                return ExitCodes.Ok;
            }

            Write(output, found);
            output.WriteLine();
            output.WriteLine("Next: gatesync-agent probe <port> to check that a SAM ID-card reader answers and reads a card.");
            return ExitCodes.Ok;
        });
        return command;
    }

    public static IReadOnlyList<FoundDevice> Find(Machine machine)
    {
        ArgumentNullException.ThrowIfNull(machine);
        var scanner = new DeviceScanner(machine.DevRoot, machine.SysRoot);
        return
        [
            .. scanner.SerialDevices().Select(DeviceClassifier.Classify),
            .. scanner.KeyboardDevices().Select(DeviceClassifier.Classify),
        ];
    }

    private static void Write(TextWriter output, IReadOnlyList<FoundDevice> found)
    {
        var pathWidth = Math.Max("PATH".Length, found.Max(d => d.Path.Length));
        output.WriteLine($"{"PATH".PadRight(pathWidth)}  PROBABLY");
        output.WriteLine($"{string.Empty.PadRight(pathWidth)}  SETTING");
        foreach (var device in found)
        {
            output.WriteLine($"{device.Path.PadRight(pathWidth)}  {device.Probably}");
            output.WriteLine($"{string.Empty.PadRight(pathWidth)}  {device.SettingsLine}");
        }
    }
}
