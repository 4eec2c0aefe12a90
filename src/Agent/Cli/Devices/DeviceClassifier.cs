namespace GateSync.Agent.Cli.Devices;

/// <summary>
/// Says what a device probably is and which setting points the agent at it. Pure: only the facts
/// go in, so the guesses are tested without hardware.
/// </summary>
public static class DeviceClassifier
{
    private const string Probe = "run probe to be sure";

    // USB-serial chips that SAM readers and relay boards are built on (vendor:product, lower-case hex).
    private static readonly Dictionary<string, string> SerialChips = new(StringComparer.Ordinal)
    {
        ["1a86:7523"] = "CH340",
        ["1a86:5523"] = "CH341",
        ["0403:6001"] = "FTDI FT232",
        ["0403:6015"] = "FTDI FT231X",
        ["10c4:ea60"] = "CP210x",
        ["067b:2303"] = "PL2303",
    };

    // Words in a keyboard device's name that mark a card reader or scanner rather than a typing keyboard.
    private static readonly string[] ReaderWords = ["reader", "rfid", "card", "scanner", "barcode", "qr", "_id_", "nfc", "mifare"];

    public static FoundDevice Classify(SerialDeviceFacts device)
    {
        ArgumentNullException.ThrowIfNull(device);
        var port = SettingsPort(device);
        var sam = $"\"Kind\": \"Sam\", \"Port\": \"{port}\"";
        if (device.Usb is null)
        {
            return new FoundDevice(device.DevicePath, "built-in RS-232 port: a SAM ID-card reader on a serial cable, if one is plugged in; " + Probe, sam);
        }

        var usb = device.Usb;
        var product = usb.Product is { Length: > 0 } p ? $" \"{p}\"" : string.Empty;
        if (SerialChips.TryGetValue(usb.Ids, out var chip))
        {
            var shared = device.ById is null || usb.Serial is null ? NoSerialNote(device) : string.Empty;
            return usb.Ids is "1a86:7523" or "1a86:5523"
                ? new FoundDevice(
                    device.DevicePath,
                    $"{chip} USB-serial ({usb.Ids}{product}): a SAM ID-card reader or an LCUS relay board; {Probe}{shared}",
                    $"{sam}   or for a relay: \"RelayPort\": \"{port}\"")
                : new FoundDevice(
                    device.DevicePath,
                    $"{chip} USB-serial ({usb.Ids}{product}): a SAM ID-card reader or a serial card reader; {Probe}{shared}",
                    $"{sam}   or for a line reader: \"Kind\": \"LineSerial\", \"Port\": \"{port}\"");
        }

        if (device.KernelName.StartsWith("ttyACM", StringComparison.Ordinal))
        {
            return new FoundDevice(
                device.DevicePath,
                $"USB serial device ({usb.Ids}{product}): most likely a card reader or scanner that sends a line per card",
                $"\"Kind\": \"LineSerial\", \"Port\": \"{port}\"");
        }

        return new FoundDevice(device.DevicePath, $"USB-serial adapter ({usb.Ids}{product}); {Probe}", sam);
    }

    public static FoundDevice Classify(KeyboardDeviceFacts keyboard)
    {
        ArgumentNullException.ThrowIfNull(keyboard);
        var name = Path.GetFileName(keyboard.LinkPath);
        var ids = keyboard.Usb is { } usb ? $" ({usb.Ids})" : string.Empty;
        var looksLikeReader = ReaderWords.Any(w => name.Contains(w, StringComparison.OrdinalIgnoreCase));
        var probably = looksLikeReader
            ? $"keyboard-style card reader or scanner{ids}"
            : $"a keyboard, or a keyboard-style card reader{ids}: swipe a card; if digits appear, it is a reader";
        return new FoundDevice(keyboard.LinkPath, probably, $"\"Kind\": \"EvdevKeyboard\", \"DevicePath\": \"{keyboard.LinkPath}\"");
    }

    /// <summary>
    /// A by-id link follows the device to any USB socket, so it is the best name, but a chip without a serial
    /// number gives two identical devices the same link; then the socket's by-path link is the stable one.
    /// </summary>
    public static string SettingsPort(SerialDeviceFacts device)
    {
        ArgumentNullException.ThrowIfNull(device);
        if (device.Usb is { Serial: null } && device.ByPath is not null)
        {
            return device.ByPath;
        }

        return device.ById ?? device.ByPath ?? device.DevicePath;
    }

    private static string NoSerialNote(SerialDeviceFacts device) =>
        device.ByPath is null ? string.Empty : " (no serial number: the setting names the USB socket, keep it plugged in there)";
}
