using GateSync.Agent.Readers;
using GateSync.Agent.Readers.Line;

namespace GateSync.Agent.Tests.Readers.Line;

public class TokenReaderSettingsTests
{
    [Fact]
    public void Well_formed_line_and_keyboard_readers_pass()
    {
        var line = new ReaderOptions { ReaderId = "gate-1", Kind = ReaderKind.LineSerial, Port = "/dev/ttyUSB0", BaudRate = 9600, LineTerminator = "0x03", LineStripPrefix = "0x02" };
        var keyboard = new ReaderOptions { ReaderId = "gate-2", Kind = ReaderKind.EvdevKeyboard, DevicePath = "/dev/input/by-id/usb-Reader-event-kbd" };

        Assert.Empty(TokenReaderSettings.Check("Agent:Readers:0", line));
        Assert.Empty(TokenReaderSettings.Check("Agent:Readers:1", keyboard));
    }

    [Fact]
    public void Each_problem_of_a_line_reader_names_its_setting()
    {
        var line = new ReaderOptions
        {
            Kind = ReaderKind.LineSerial,
            BaudRate = 0,
            LineTerminator = "CRCR",
            LineStripPrefix = "STX",
            LineStripSuffix = "0x1FF",
            MaxLineLength = 0,
            DebounceSeconds = double.NaN,
        };

        var failures = TokenReaderSettings.Check("Agent:Readers:3", line);

        foreach (var setting in new[] { "Port", "BaudRate", "LineTerminator", "LineStripPrefix", "LineStripSuffix", "MaxLineLength", "DebounceSeconds" })
        {
            Assert.Contains(failures, f => f.StartsWith($"Agent:Readers:3:{setting} ", StringComparison.Ordinal));
        }
    }

    [Fact]
    public void Keyboard_reader_needs_its_device_path()
    {
        var failures = TokenReaderSettings.Check("Agent:Readers:0", new ReaderOptions { Kind = ReaderKind.EvdevKeyboard });

        Assert.Contains(failures, f => f.StartsWith("Agent:Readers:0:DevicePath ", StringComparison.Ordinal));
    }

    [Fact]
    public void Other_kinds_are_not_its_business() =>
        Assert.Empty(TokenReaderSettings.Check("Agent:Readers:0", new ReaderOptions { Kind = ReaderKind.Sam }));
}
