namespace GateSync.Agent.Readers.Evdev;

/// <summary>
/// Linux input key codes (linux/input-event-codes.h) of the keys card readers and scanners type, on a US layout.
/// Readers type digits, letters and Enter; anything else is ignored.
/// </summary>
internal static class KeyCodes
{
    public const ushort Enter = 28;
    public const ushort KeypadEnter = 96;
    public const ushort LeftShift = 42;
    public const ushort RightShift = 54;

    private const string Digits = "1234567890";
    private const string ShiftedDigits = "!@#$%^&*()";

    // Letter rows start at KEY_Q 16, KEY_A 30, KEY_Z 44.
    private static readonly (ushort First, string Keys)[] LetterRows = [(16, "qwertyuiop"), (30, "asdfghjkl"), (44, "zxcvbnm")];

    /// <summary>KEY_KP7 71 … KEY_KPDOT 83, in code order.</summary>
    private const string Keypad = "789-456+1230.";

    /// <summary>The character a key types, or <c>null</c> for keys that type nothing a card number could hold.</summary>
    public static char? CharOf(ushort code, bool shift)
    {
        // KEY_1..KEY_0 are 2..11.
        if (code is >= 2 and <= 11)
        {
            return (shift ? ShiftedDigits : Digits)[code - 2];
        }

        foreach (var (first, keys) in LetterRows)
        {
            if (code >= first && code < first + keys.Length)
            {
                var c = keys[code - first];
                return shift ? char.ToUpperInvariant(c) : c;
            }
        }

        if (code is >= 71 and <= 83)
        {
            return Keypad[code - 71];
        }

        return code switch
        {
            12 => shift ? '_' : '-',
            57 => ' ',
            _ => null,
        };
    }
}
