using System.Runtime.InteropServices;
using System.Text;
using GateSync.Agent.Readers.Line;

namespace GateSync.Agent.Readers.Evdev;

/// <summary>
/// Turns a keyboard-style reader's evdev event stream into the tokens it types, one per Enter. Pure and never
/// throws: bytes may arrive split anywhere, and garbage yields at worst an unusable token.
/// </summary>
public sealed class KeyEventDecoder
{
    /// <summary><c>struct input_event</c> on 64-bit Linux: timeval (16), type (u16), code (u16), value (s32).</summary>
    public const int EventSize64 = 24;

    /// <summary>The same struct for a 32-bit process, whose timeval is two 4-byte longs.</summary>
    public const int EventSize32 = 16;

    public const int DefaultMaxTokenLength = 256;

    private const ushort EvKey = 1;
    private const int Release = 0;
    private const int Press = 1;

    private readonly int maxTokenLength;
    private readonly int eventSize;
    private readonly byte[] partial;
    private readonly StringBuilder token = new();
    private int partialCount;
    private int typed;
    private bool leftShift;
    private bool rightShift;

    /// <param name="eventSize">The kernel hands each process events sized for its own word length.</param>
    public KeyEventDecoder(int maxTokenLength = DefaultMaxTokenLength, int? eventSize = null)
    {
        this.maxTokenLength = maxTokenLength > 0 ? maxTokenLength : DefaultMaxTokenLength;
        this.eventSize = eventSize is EventSize32 ? EventSize32 : eventSize is EventSize64 ? EventSize64 : NativeEventSize;
        partial = new byte[this.eventSize];
    }

    /// <summary>The event size of this process: 24 bytes in a 64-bit process, 16 in a 32-bit one.</summary>
    public static int NativeEventSize => Environment.Is64BitProcess ? EventSize64 : EventSize32;

    /// <summary>Takes the next bytes of the event stream; returns the tokens they complete, in order.</summary>
    public IReadOnlyList<ReaderLine> Feed(ReadOnlySpan<byte> bytes)
    {
        List<ReaderLine>? tokens = null;
        while (bytes.Length > 0)
        {
            var take = Math.Min(eventSize - partialCount, bytes.Length);
            bytes[..take].CopyTo(partial.AsSpan(partialCount));
            partialCount += take;
            bytes = bytes[take..];
            if (partialCount < eventSize)
            {
                break;
            }

            partialCount = 0;
            if (OnEvent(partial) is { } completed)
            {
                (tokens ??= []).Add(completed);
            }
        }

        return tokens ?? (IReadOnlyList<ReaderLine>)[];
    }

    private ReaderLine? OnEvent(ReadOnlySpan<byte> inputEvent)
    {
        // The kernel writes the struct in the machine's own byte order; type, code and value are its last 8 bytes.
        var fields = inputEvent[^8..];
        var type = MemoryMarshal.Read<ushort>(fields);
        var code = MemoryMarshal.Read<ushort>(fields[2..]);
        var value = MemoryMarshal.Read<int>(fields[4..]);
        if (type != EvKey)
        {
            return null;
        }

        switch (code)
        {
            case KeyCodes.LeftShift:
                leftShift = value != Release;
                return null;
            case KeyCodes.RightShift:
                rightShift = value != Release;
                return null;
            case KeyCodes.Enter or KeyCodes.KeypadEnter:
                return value == Press ? Complete() : null;
        }

        // A press types a character, and so does an auto-repeat (2), as on a console; a release types nothing.
        if (value == Release || KeyCodes.CharOf(code, leftShift || rightShift) is not { } c)
        {
            return null;
        }

        typed++;
        if (token.Length < maxTokenLength)
        {
            token.Append(c);
        }

        return null;
    }

    private ReaderLine? Complete()
    {
        var count = typed;
        var text = token.ToString().Trim();
        token.Clear();
        typed = 0;
        if (count > maxTokenLength)
        {
            return ReaderLine.Unusable(LineProblem.Overlong, count);
        }

        return text.Length == 0 ? null : ReaderLine.Of(text, count);
    }
}
