using GateSync.Testing;

namespace GateSync.Agent.Tests.Cli;

/// <summary>
/// A fake <c>/dev</c> and <c>/sys</c> shaped like the kernel's: <c>/sys/class/tty/X</c> is a link into
/// <c>/sys/devices</c>, whose <c>device</c> link is relative to where it really is, and the USB device
/// with <c>idVendor</c> sits a few directories above the node.
/// </summary>
public sealed class FakeDeviceTree : IDisposable
{
    private readonly TempDirectory root = new();
    private int usbPort;

    public FakeDeviceTree()
    {
        Directory.CreateDirectory(Dev);
        Directory.CreateDirectory(Path.Combine(Sys, "class", "tty"));
        Directory.CreateDirectory(Path.Combine(Sys, "class", "input"));
    }

    public string Dev => Path.Combine(root.Path, "dev");

    public string Sys => Path.Combine(root.Path, "sys");

    /// <summary>A USB-serial adapter (ttyUSBn) or CDC device (ttyACMn), with a by-id link when <paramref name="byId"/> is given.</summary>
    public string AddUsbSerial(string name, string vendor, string product, string? productName = null, string? serial = null, string? byId = null, string? byPath = null)
    {
        var usbDevice = UsbDevice(vendor, product, productName, serial);
        var interfaceDir = Path.Combine(usbDevice, $"{Path.GetFileName(usbDevice)}:1.0");
        // ttyUSB: the interface holds ttyUSBn, which holds tty/ttyUSBn; ttyACM: the interface holds tty/ttyACMn.
        var deviceDir = name.StartsWith("ttyUSB", StringComparison.Ordinal) ? Path.Combine(interfaceDir, name) : interfaceDir;
        var ttyDir = Path.Combine(deviceDir, "tty", name);
        Directory.CreateDirectory(ttyDir);
        Link(Path.Combine(ttyDir, "device"), Path.GetRelativePath(ttyDir, deviceDir));
        Link(Path.Combine(Sys, "class", "tty", name), Path.GetRelativePath(Path.Combine(Sys, "class", "tty"), ttyDir));
        var node = Node(name);
        if (byId is not null)
        {
            Link(Path.Combine(Dev, "serial", "by-id", byId), "../../" + name);
        }

        if (byPath is not null)
        {
            Link(Path.Combine(Dev, "serial", "by-path", byPath), "../../" + name);
        }

        return node;
    }

    /// <summary>A built-in port; UART type 0 means Linux made the node but no hardware is there.</summary>
    public string AddBuiltInSerial(string name, int uartType)
    {
        var ttyDir = Path.Combine(Sys, "devices", "platform", "serial8250", "tty", name);
        Directory.CreateDirectory(ttyDir);
        File.WriteAllText(Path.Combine(ttyDir, "type"), $"{uartType}\n");
        Link(Path.Combine(Sys, "class", "tty", name), Path.GetRelativePath(Path.Combine(Sys, "class", "tty"), ttyDir));
        return Node(name);
    }

    /// <summary>A USB keyboard-style device with its <c>/dev/input/by-id/*-event-kbd</c> link.</summary>
    public string AddKeyboard(string byIdName, string eventName, string vendor, string product)
    {
        var usbDevice = UsbDevice(vendor, product, null, null);
        var inputDir = Path.Combine(usbDevice, $"{Path.GetFileName(usbDevice)}:1.0", $"0003:{vendor.ToUpperInvariant()}:{product.ToUpperInvariant()}.0001", "input", "input7");
        var eventDir = Path.Combine(inputDir, eventName);
        Directory.CreateDirectory(eventDir);
        Link(Path.Combine(eventDir, "device"), Path.GetRelativePath(eventDir, inputDir));
        Link(Path.Combine(Sys, "class", "input", eventName), Path.GetRelativePath(Path.Combine(Sys, "class", "input"), eventDir));
        Node(Path.Combine("input", eventName));
        var link = Path.Combine(Dev, "input", "by-id", byIdName);
        Link(link, "../" + eventName);
        return link;
    }

    public void Dispose() => root.Dispose();

    private static void Link(string path, string target)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.CreateSymbolicLink(path, target);
    }

    private string UsbDevice(string vendor, string product, string? productName, string? serial)
    {
        var usbDevice = Path.Combine(Sys, "devices", "pci0000:00", "0000:00:14.0", "usb1", $"1-{++usbPort}");
        Directory.CreateDirectory(usbDevice);
        File.WriteAllText(Path.Combine(usbDevice, "idVendor"), vendor + "\n");
        File.WriteAllText(Path.Combine(usbDevice, "idProduct"), product + "\n");
        if (productName is not null)
        {
            File.WriteAllText(Path.Combine(usbDevice, "product"), productName + "\n");
        }

        if (serial is not null)
        {
            File.WriteAllText(Path.Combine(usbDevice, "serial"), serial + "\n");
        }

        return usbDevice;
    }

    /// <summary>A plain file stands in for the device node: only its name and place matter here.</summary>
    private string Node(string relative)
    {
        var path = Path.Combine(Dev, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, string.Empty);
        return path;
    }
}
