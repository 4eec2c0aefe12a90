using System.Text.RegularExpressions;

namespace GateSync.Agent.Cli.Devices;

/// <summary>
/// Finds serial ports and keyboard-style input devices under a <c>/dev</c> and a <c>/sys</c> root, and reads
/// what sysfs knows about each. The roots are parameters so tests can hand it fake trees.
/// </summary>
public sealed partial class DeviceScanner(string devRoot, string sysRoot)
{
    // Interface, then device: the USB device directory with idVendor is a few levels above a tty or input node.
    private const int UsbSearchDepth = 6;

    public IReadOnlyList<SerialDeviceFacts> SerialDevices()
    {
        var byId = LinksByTarget(Path.Combine(devRoot, "serial", "by-id"));
        var byPath = LinksByTarget(Path.Combine(devRoot, "serial", "by-path"));
        var devices = new List<SerialDeviceFacts>();
        foreach (var node in Entries(devRoot).Where(n => SerialNodeName().IsMatch(Path.GetFileName(n))).Order(StringComparer.Ordinal))
        {
            var name = Path.GetFileName(node);
            var real = RealPath.Resolve(node) ?? node;
            var usb = UsbOf(Path.Combine(sysRoot, "class", "tty", name, "device"));
            if (usb is null && name.StartsWith("ttyS", StringComparison.Ordinal) && !HasUart(name))
            {
                // Linux makes ttyS0..31 whether or not a UART is behind them.
                continue;
            }

            devices.Add(new SerialDeviceFacts(node, name, byId.GetValueOrDefault(real), byPath.GetValueOrDefault(real), usb));
        }

        return devices;
    }

    public IReadOnlyList<KeyboardDeviceFacts> KeyboardDevices()
    {
        var keyboards = new List<KeyboardDeviceFacts>();
        foreach (var link in Entries(Path.Combine(devRoot, "input", "by-id")).Where(l => l.EndsWith("-event-kbd", StringComparison.Ordinal)).Order(StringComparer.Ordinal))
        {
            var eventNode = RealPath.Resolve(link);
            var usb = eventNode is null ? null : UsbOf(Path.Combine(sysRoot, "class", "input", Path.GetFileName(eventNode), "device"));
            keyboards.Add(new KeyboardDeviceFacts(link, eventNode, usb));
        }

        return keyboards;
    }

    /// <summary>The first by-id or by-path link to each real device node.</summary>
    public static Dictionary<string, string> LinksByTarget(string directory)
    {
        var links = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var link in Entries(directory).Order(StringComparer.Ordinal))
        {
            if (RealPath.Resolve(link) is { } target)
            {
                links.TryAdd(target, link);
            }
        }

        return links;
    }

    [GeneratedRegex("^tty(USB|ACM|S)[0-9]+$")]
    private static partial Regex SerialNodeName();

    private static IEnumerable<string> Entries(string directory)
    {
        try
        {
            return Directory.Exists(directory) ? Directory.GetFileSystemEntries(directory) : [];
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return [];
        }
    }

    private static string? ReadAttribute(string directory, string name)
    {
        try
        {
            var file = Path.Combine(directory, name);
            return File.Exists(file) ? File.ReadAllText(file).Trim() : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>A UART type of 0 (PORT_UNKNOWN) means no hardware answered at that port's address.</summary>
    private bool HasUart(string name) =>
        ReadAttribute(Path.Combine(sysRoot, "class", "tty", name), "type") is { } type && type != "0";

    private UsbIdentity? UsbOf(string deviceLink)
    {
        var directory = RealPath.Resolve(deviceLink);
        var top = RealPath.Resolve(sysRoot) ?? sysRoot;
        for (var depth = 0; directory is not null && depth < UsbSearchDepth && directory.StartsWith(top, StringComparison.Ordinal); depth++)
        {
            if (ReadAttribute(directory, "idVendor") is { } vendor && ReadAttribute(directory, "idProduct") is { } product)
            {
                return new UsbIdentity(
                    vendor.ToLowerInvariant(),
                    product.ToLowerInvariant(),
                    ReadAttribute(directory, "manufacturer"),
                    ReadAttribute(directory, "product"),
                    ReadAttribute(directory, "serial"));
            }

            directory = Path.GetDirectoryName(directory);
        }

        return null;
    }
}
