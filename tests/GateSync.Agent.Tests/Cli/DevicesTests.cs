using GateSync.Agent.Cli;
using GateSync.Agent.Cli.Devices;

namespace GateSync.Agent.Tests.Cli;

public sealed class DevicesTests : IDisposable
{
    private readonly FakeDeviceTree tree = new();

    private Machine Machine => new() { DevRoot = tree.Dev, SysRoot = tree.Sys };

    public void Dispose() => tree.Dispose();

    [Fact]
    public void A_CH340_is_a_SAM_reader_or_a_relay_and_its_setting_names_the_by_id_link()
    {
        tree.AddUsbSerial("ttyUSB0", "1a86", "7523", "USB Serial", serial: "A1B2", byId: "usb-1a86_USB_Serial_A1B2-if00-port0");

        var device = Assert.Single(new DeviceScanner(tree.Dev, tree.Sys).SerialDevices());
        var found = DeviceClassifier.Classify(device);

        Assert.Equal(new UsbIdentity("1a86", "7523", null, "USB Serial", "A1B2"), device.Usb);
        Assert.Contains("CH340", found.Probably, StringComparison.Ordinal);
        Assert.Contains("SAM ID-card reader or an LCUS relay", found.Probably, StringComparison.Ordinal);
        var byId = Path.Combine(tree.Dev, "serial", "by-id", "usb-1a86_USB_Serial_A1B2-if00-port0");
        Assert.Contains($"\"Kind\": \"Sam\", \"Port\": \"{byId}\"", found.SettingsLine, StringComparison.Ordinal);
        Assert.Contains($"\"RelayPort\": \"{byId}\"", found.SettingsLine, StringComparison.Ordinal);
    }

    [Fact]
    public void A_chip_without_a_serial_number_is_named_by_its_USB_socket()
    {
        tree.AddUsbSerial("ttyUSB1", "1a86", "7523", byId: "usb-1a86_USB_Serial-if00-port0", byPath: "pci-0000:00:14.0-usb-0:2:1.0-port0");

        var found = DeviceClassifier.Classify(Assert.Single(new DeviceScanner(tree.Dev, tree.Sys).SerialDevices()));

        Assert.Contains("by-path/pci-0000:00:14.0-usb-0:2:1.0-port0", found.SettingsLine, StringComparison.Ordinal);
        Assert.Contains("USB socket", found.Probably, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("0403", "6001", "FTDI")]
    [InlineData("10c4", "ea60", "CP210x")]
    [InlineData("067b", "2303", "PL2303")]
    public void Common_USB_serial_chips_are_named(string vendor, string product, string chip)
    {
        var found = DeviceClassifier.Classify(new SerialDeviceFacts("/dev/ttyUSB0", "ttyUSB0", null, null, new UsbIdentity(vendor, product, Serial: "X")));

        Assert.Contains(chip, found.Probably, StringComparison.Ordinal);
        Assert.Contains("\"Kind\": \"Sam\", \"Port\": \"/dev/ttyUSB0\"", found.SettingsLine, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_CDC_device_is_probably_a_line_reader()
    {
        tree.AddUsbSerial("ttyACM0", "2341", "0043", "Card Reader", serial: "9");

        var found = DeviceClassifier.Classify(Assert.Single(new DeviceScanner(tree.Dev, tree.Sys).SerialDevices()));

        Assert.Contains("2341:0043", found.Probably, StringComparison.Ordinal);
        Assert.Equal($"\"Kind\": \"LineSerial\", \"Port\": \"{Path.Combine(tree.Dev, "ttyACM0")}\"", found.SettingsLine);
    }

    [Fact]
    public void Built_in_ports_are_listed_only_when_a_UART_is_behind_them()
    {
        var real = tree.AddBuiltInSerial("ttyS0", uartType: 4);
        tree.AddBuiltInSerial("ttyS1", uartType: 0);

        var device = Assert.Single(new DeviceScanner(tree.Dev, tree.Sys).SerialDevices());

        Assert.Equal(real, device.DevicePath);
        Assert.Null(device.Usb);
        Assert.Contains("built-in RS-232", DeviceClassifier.Classify(device).Probably, StringComparison.Ordinal);
    }

    [Fact]
    public void A_keyboard_style_reader_is_found_by_its_event_kbd_link_with_its_USB_ids()
    {
        var link = tree.AddKeyboard("usb-Sycreader_RFID_Technology_USB_Reader-event-kbd", "event5", "ffff", "0035");

        var keyboard = Assert.Single(new DeviceScanner(tree.Dev, tree.Sys).KeyboardDevices());
        var found = DeviceClassifier.Classify(keyboard);

        Assert.Equal("ffff:0035", keyboard.Usb?.Ids);
        Assert.Contains("card reader", found.Probably, StringComparison.Ordinal);
        Assert.Equal($"\"Kind\": \"EvdevKeyboard\", \"DevicePath\": \"{link}\"", found.SettingsLine);
    }

    [Fact]
    public void A_plain_keyboard_is_told_apart_by_asking_for_a_swipe()
    {
        var found = DeviceClassifier.Classify(new KeyboardDeviceFacts("/dev/input/by-id/usb-Logitech_USB_Keyboard-event-kbd", null, null));

        Assert.Contains("swipe a card", found.Probably, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_devices_command_prints_every_device_with_its_setting()
    {
        tree.AddUsbSerial("ttyUSB0", "1a86", "7523", serial: "A1", byId: "usb-1a86_USB_Serial_A1-if00-port0");
        tree.AddUsbSerial("ttyACM0", "2341", "0043", serial: "9");
        tree.AddKeyboard("usb-Reader-event-kbd", "event3", "ffff", "0035");

        var result = await CliRun.RunAsync(Machine, "devices");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains(Path.Combine(tree.Dev, "ttyUSB0"), result.Output, StringComparison.Ordinal);
        Assert.Contains(Path.Combine(tree.Dev, "ttyACM0"), result.Output, StringComparison.Ordinal);
        Assert.Contains("\"Kind\": \"EvdevKeyboard\"", result.Output, StringComparison.Ordinal);
        Assert.Contains("gatesync-agent probe", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_empty_machine_says_how_to_find_a_reader()
    {
        var result = await CliRun.RunAsync(Machine, "devices");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("No serial ports or keyboard-style readers found", result.Output, StringComparison.Ordinal);
    }
}
