using GateSync.Agent.Readers.Line;
using GateSync.Contracts.Wire;

namespace GateSync.Agent.Readers;

public enum ReaderKind
{
    Simulated,
    Sam,

    /// <summary>A serial reader or scanner that sends a card number or QR text followed by a line terminator.</summary>
    LineSerial,

    /// <summary>A USB reader or scanner that types like a keyboard, read from its Linux evdev device.</summary>
    EvdevKeyboard,
}

/// <summary>One entry of <c>Agent:Readers</c>. Which properties matter depends on <see cref="Kind"/>.</summary>
public sealed class ReaderOptions
{
    public string ReaderId { get; set; } = string.Empty;

    public ReaderKind Kind { get; set; } = ReaderKind.Simulated;

    public Direction Direction { get; set; } = Direction.In;

    /// <summary>Serial device of a SAM reader, e.g. <c>/dev/ttyUSB0</c> or <c>COM3</c>.</summary>
    public string? Port { get; set; }

    public int BaudRate { get; set; } = 115200;

    /// <summary>How often a SAM reader is asked whether a card is present.</summary>
    public int PollIntervalMilliseconds { get; set; } = 200;

    /// <summary>Simulated reader: how many different people swipe.</summary>
    public int People { get; set; } = 20;

    /// <summary>Simulated reader: average swipes per minute.</summary>
    public double SwipesPerMinute { get; set; } = 30;

    /// <summary>Simulated reader: seed of its random people and timing, so a demo is repeatable.</summary>
    public int Seed { get; set; } = 1;

    /// <summary>
    /// Line reader: what ends a line: <c>CRLF</c>, <c>LF</c>, <c>CR</c>, or one custom byte such as <c>0x03</c> (ETX).
    /// </summary>
    public string LineTerminator { get; set; } = "CRLF";

    /// <summary>Line reader: a byte the reader puts before each line and that is not part of it, e.g. <c>0x02</c> (STX).</summary>
    public string? LineStripPrefix { get; set; }

    /// <summary>Line reader: a byte the reader puts after each line, before the terminator, e.g. <c>0x03</c> (ETX).</summary>
    public string? LineStripSuffix { get; set; }

    /// <summary>Line and keyboard readers: longer lines (bytes before stripping, or keys typed) are discarded and logged.</summary>
    public int MaxLineLength { get; set; } = 256;

    public LineTextEncoding LineEncoding { get; set; } = LineTextEncoding.Utf8;

    /// <summary>Keyboard reader: the evdev device, e.g. <c>/dev/input/by-id/usb-Reader-event-kbd</c>.</summary>
    public string? DevicePath { get; set; }

    /// <summary>Keyboard reader: grab the device exclusively so the typed numbers do not reach a console.</summary>
    public bool GrabDevice { get; set; } = true;

    /// <summary>Line and keyboard readers: the same card number read again within this many seconds counts once.</summary>
    public double DebounceSeconds { get; set; } = 3;
}
