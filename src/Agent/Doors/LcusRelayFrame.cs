namespace GateSync.Agent.Doors;

/// <summary>
/// The LCUS (CH340) USB relay command: <c>A0</c>, relay number, state (1 closed = door open, 0 released), and a
/// checksum byte, the low byte of the sum of the first three. <c>A0 01 01 A2</c> opens relay 1.
/// </summary>
public static class LcusRelayFrame
{
    /// <summary>Boards come with 1, 2, 4 or 8 relays; the protocol's byte allows more.</summary>
    public const int MaxRelay = 255;

    private const byte Start = 0xA0;

    public static byte[] Close(int relay) => Frame(relay, 1);

    public static byte[] Release(int relay) => Frame(relay, 0);

    private static byte[] Frame(int relay, byte state)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(relay, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(relay, MaxRelay);
        var number = (byte)relay;
        return [Start, number, state, unchecked((byte)(Start + number + state))];
    }
}
