using System.Runtime.InteropServices;

namespace GateSync.Agent.Tests.Readers.Evdev;

/// <summary>Builds the evdev event stream a keyboard-style reader produces when it types a token and Enter.</summary>
internal static class InputEvents
{
    public const ushort EvSyn = 0;
    public const ushort EvKey = 1;
    public const ushort EvMsc = 4;
    public const ushort KeyEnter = 28;
    public const ushort KeyKeypadEnter = 96;
    public const ushort KeyLeftShift = 42;

    private const string Digits = "1234567890";
    private const string Top = "qwertyuiop";
    private const string Middle = "asdfghjkl";
    private const string Bottom = "zxcvbnm";

    /// <summary>One <c>struct input_event</c> (24 bytes, 64-bit Linux), in the machine's byte order.</summary>
    public static byte[] Event(ushort type, ushort code, int value)
    {
        var bytes = new byte[24];
        MemoryMarshal.Write(bytes.AsSpan(0), 1_700_000_000L);
        MemoryMarshal.Write(bytes.AsSpan(8), 123_456L);
        MemoryMarshal.Write(bytes.AsSpan(16), type);
        MemoryMarshal.Write(bytes.AsSpan(18), code);
        MemoryMarshal.Write(bytes.AsSpan(20), value);
        return bytes;
    }

    /// <summary>Press and release of each key, shift held for capitals, a scan code and a sync as real keyboards send them.</summary>
    public static byte[] Typing(string text, ushort enter = KeyEnter)
    {
        var stream = new List<byte>();
        foreach (var c in text)
        {
            var shift = char.IsAsciiLetterUpper(c);
            if (shift)
            {
                Key(stream, KeyLeftShift, 1);
            }

            var code = CodeOf(char.ToLowerInvariant(c));
            Key(stream, code, 1);
            Key(stream, code, 0);
            if (shift)
            {
                Key(stream, KeyLeftShift, 0);
            }
        }

        Key(stream, enter, 1);
        Key(stream, enter, 0);
        return [.. stream];
    }

    public static ushort CodeOf(char c)
    {
        foreach (var (first, keys) in new (int, string)[] { (2, Digits), (16, Top), (30, Middle), (44, Bottom) })
        {
            var index = keys.IndexOf(c, StringComparison.Ordinal);
            if (index >= 0)
            {
                return (ushort)(first + index);
            }
        }

        throw new ArgumentException($"no key for '{c}' in this fixture", nameof(c));
    }

    private static void Key(List<byte> stream, ushort code, int value)
    {
        stream.AddRange(Event(EvMsc, 4, 0x70000 + code));
        stream.AddRange(Event(EvKey, code, value));
        stream.AddRange(Event(EvSyn, 0, 0));
    }
}
