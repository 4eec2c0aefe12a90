namespace GateSync.Testing.Sam;

/// <summary>
/// Collects the bytes a reader sends a SAM and takes GA 467 command frames out of them, skipping line noise.
/// Written from the spec, apart from the agent's decoder, so the emulators check the agent rather than echo it.
/// </summary>
public sealed class SamCommandReader
{
    /// <summary>What <see cref="TakeCommand"/> returns for a frame whose checksum is wrong.</summary>
    public static readonly (int Code, int Parameter) Garbled = (-1, -1);

    internal static readonly byte[] Preamble = [0xAA, 0xAA, 0xAA, 0x96, 0x69];

    private readonly List<byte> received = [];

    public void Append(ReadOnlySpan<byte> bytes) => received.AddRange(bytes);

    /// <summary>The next command (CMD, PARA), <see cref="Garbled"/> for a frame with a bad checksum, or null to read more bytes.</summary>
    public (int Code, int Parameter)? TakeCommand()
    {
        while (true)
        {
            var start = IndexOfPreamble();
            if (start < 0)
            {
                // Keep a tail that may be the start of a preamble split across reads.
                received.RemoveRange(0, Math.Max(0, received.Count - (Preamble.Length - 1)));
                return null;
            }

            received.RemoveRange(0, start);
            if (received.Count < Preamble.Length + 2)
            {
                return null;
            }

            var length = (received[5] << 8) | received[6];
            if (length < 3)
            {
                // Too short for CMD, PARA and checksum: a preamble-like run in noise, not a frame.
                received.RemoveRange(0, Preamble.Length);
                continue;
            }

            if (received.Count < Preamble.Length + 2 + length)
            {
                return null;
            }

            byte sum = 0;
            for (var i = Preamble.Length; i < Preamble.Length + 2 + length - 1; i++)
            {
                sum ^= received[i];
            }

            var frameOk = sum == received[Preamble.Length + 2 + length - 1];
            var command = (Code: (int)received[7], Parameter: (int)received[8]);
            received.RemoveRange(0, Preamble.Length + 2 + length);
            return frameOk ? command : Garbled;
        }
    }

    private int IndexOfPreamble()
    {
        for (var i = 0; i + Preamble.Length <= received.Count; i++)
        {
            if (received[i] == Preamble[0] && received[i + 1] == Preamble[1] && received[i + 2] == Preamble[2]
                && received[i + 3] == Preamble[3] && received[i + 4] == Preamble[4])
            {
                return i;
            }
        }

        return -1;
    }
}
