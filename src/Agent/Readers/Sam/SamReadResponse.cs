using System.Buffers.Binary;

namespace GateSync.Agent.Readers.Sam;

/// <summary>
/// The data of a successful <c>30 01</c> read: text length, photo length (2 bytes big-endian each),
/// the text block, then the photo. Only the text is looked at; the photo bytes are never copied.
/// </summary>
public static class SamReadResponse
{
    private const int LengthsSize = 4;

    public static SamTextResult Parse(ReadOnlySpan<byte> data)
    {
        if (data.Length < LengthsSize)
        {
            return SamTextResult.Invalid($"a read response starts with two lengths (4 bytes), got {data.Length} bytes");
        }

        int textLength = BinaryPrimitives.ReadUInt16BigEndian(data);
        int photoLength = BinaryPrimitives.ReadUInt16BigEndian(data[2..]);
        if (textLength != SamTextBlock.Length)
        {
            return SamTextResult.Invalid($"the text length is {textLength}, expected {SamTextBlock.Length}");
        }

        if (data.Length < LengthsSize + textLength + photoLength)
        {
            return SamTextResult.Invalid($"the read response has {data.Length} bytes, its lengths announce {LengthsSize + textLength + photoLength}");
        }

        return SamTextBlock.Parse(data.Slice(LengthsSize, textLength));
    }
}
