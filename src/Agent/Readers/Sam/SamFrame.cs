using System.Buffers.Binary;

namespace GateSync.Agent.Readers.Sam;

/// <summary>
/// The GA 467-2013 frame: preamble <c>AA AA AA 96 69</c>, a big-endian length of the bytes after it
/// (checksum included), the body, and an XOR checksum over the length bytes and the body.
/// </summary>
public static class SamFrame
{
    public const int PreambleLength = 5;
    public const int LengthFieldLength = 2;
    public const int ChecksumLength = 1;

    /// <summary>Bytes of a frame that are not body.</summary>
    public const int Overhead = PreambleLength + LengthFieldLength + ChecksumLength;

    /// <summary>
    /// Largest length field accepted. The longest real response (<c>30 10</c>, text, photo and fingerprint)
    /// is about 2.3 KB; anything far beyond is a corrupted length, not a frame worth waiting for.
    /// </summary>
    public const int MaxLength = 4096;

    public static ReadOnlySpan<byte> Preamble => [0xAA, 0xAA, 0xAA, 0x96, 0x69];

    /// <summary>A host-to-SAM command frame.</summary>
    public static byte[] EncodeCommand(SamCommand command, ReadOnlySpan<byte> data = default)
    {
        Span<byte> head = [command.Code, command.Parameter];
        return Encode(head, data);
    }

    /// <summary>A SAM-to-host response frame (<c>00 00 SW3 [data]</c>); the agent only needs it to test itself.</summary>
    public static byte[] EncodeResponse(SamStatus status, ReadOnlySpan<byte> data = default)
    {
        Span<byte> head = [0x00, 0x00, (byte)status];
        return Encode(head, data);
    }

    /// <summary>XOR of <paramref name="lengthAndBody"/>: the length bytes through the last body byte.</summary>
    public static byte Checksum(ReadOnlySpan<byte> lengthAndBody)
    {
        byte sum = 0;
        foreach (var b in lengthAndBody)
        {
            sum ^= b;
        }

        return sum;
    }

    private static byte[] Encode(ReadOnlySpan<byte> head, ReadOnlySpan<byte> data)
    {
        var length = head.Length + data.Length + ChecksumLength;
        if (length > MaxLength)
        {
            throw new ArgumentOutOfRangeException(nameof(data), $"a SAM frame carries at most {MaxLength} bytes after its length field");
        }

        var frame = new byte[PreambleLength + LengthFieldLength + length];
        Preamble.CopyTo(frame);
        BinaryPrimitives.WriteUInt16BigEndian(frame.AsSpan(PreambleLength), (ushort)length);
        head.CopyTo(frame.AsSpan(PreambleLength + LengthFieldLength));
        data.CopyTo(frame.AsSpan(PreambleLength + LengthFieldLength + head.Length));
        frame[^1] = Checksum(frame.AsSpan(PreambleLength, frame.Length - PreambleLength - ChecksumLength));
        return frame;
    }
}
