namespace GateSync.Agent.Cli.Devices;

/// <summary>What sysfs says about the USB device behind a port: ids in lower-case hex, strings as the device reports them.</summary>
public sealed record UsbIdentity(string VendorId, string ProductId, string? Manufacturer = null, string? Product = null, string? Serial = null)
{
    public string Ids => $"{VendorId}:{ProductId}";
}

/// <summary>A serial device node and what is known about it, gathered by <see cref="DeviceScanner"/>.</summary>
/// <param name="DevicePath">The node, e.g. <c>/dev/ttyUSB0</c>.</param>
/// <param name="KernelName">e.g. <c>ttyUSB0</c>.</param>
/// <param name="ById">A <c>/dev/serial/by-id</c> link to it: follows the device to any USB socket.</param>
/// <param name="ByPath">A <c>/dev/serial/by-path</c> link to it: names the USB socket.</param>
/// <param name="Usb">Null for a built-in port.</param>
public sealed record SerialDeviceFacts(string DevicePath, string KernelName, string? ById, string? ByPath, UsbIdentity? Usb);

/// <summary>A keyboard-style input device, e.g. <c>/dev/input/by-id/usb-Reader-event-kbd</c>.</summary>
public sealed record KeyboardDeviceFacts(string LinkPath, string? EventDevice, UsbIdentity? Usb);

/// <summary>One row of the <c>devices</c> table.</summary>
public sealed record FoundDevice(string Path, string Probably, string SettingsLine);
