using System.Buffers.Binary;

namespace GateSync.Agent.Readers.Sam;

public enum SamDecodeOutcome
{
    /// <summary>A whole frame with a good checksum.</summary>
    Frame,

    /// <summary>No whole frame yet; drop <see cref="SamDecodeResult.Consumed"/> bytes of garbage and read more.</summary>
    NeedMoreBytes,

    /// <summary>A frame whose checksum does not match its bytes.</summary>
    BadChecksum,

    /// <summary>A preamble followed by a length no frame can have.</summary>
    BadLength,
}

/// <summary>
/// What one decoding step found. <see cref="Body"/> is a slice of the caller's buffer, not a copy, so
/// card data (and the photo beside it) exists only where the bytes arrived.
/// </summary>
public readonly ref struct SamDecodeResult
{
    public SamDecodeResult(SamDecodeOutcome outcome, int consumed, ReadOnlySpan<byte> body = default)
    {
        Outcome = outcome;
        Consumed = consumed;
        Body = body;
    }

    public SamDecodeOutcome Outcome { get; }

    /// <summary>Bytes to drop from the front of the buffer before the next step: garbage, a bad preamble, or the frame.</summary>
    public int Consumed { get; }

    /// <summary>The frame body (<c>SW1 SW2 SW3 [data]</c> or <c>CMD PARA [data]</c>), empty unless <see cref="SamDecodeOutcome.Frame"/>.</summary>
    public ReadOnlySpan<byte> Body { get; }

    /// <summary>SW3 of a response frame.</summary>
    public SamStatus Status => Body.Length >= SamFrameDecoder.ResponseHeadLength ? (SamStatus)Body[2] : default;

    /// <summary>The data after <c>SW1 SW2 SW3</c> of a response frame.</summary>
    public ReadOnlySpan<byte> ResponseData => Body.Length >= SamFrameDecoder.ResponseHeadLength ? Body[SamFrameDecoder.ResponseHeadLength..] : default;
}

/// <summary>
/// Finds frames in bytes as they arrive from a serial line. Pure and total: any input gives a result,
/// and a result that is not <see cref="SamDecodeOutcome.NeedMoreBytes"/> always consumes at least one byte,
/// so a caller looping over a buffer cannot spin.
/// </summary>
public static class SamFrameDecoder
{
    public const int ResponseHeadLength = 3;
    public const int CommandHeadLength = 2;

    /// <summary>Decodes the first SAM-to-host frame (<c>SW1 SW2 SW3 [data]</c>) in <paramref name="buffer"/>.</summary>
    public static SamDecodeResult DecodeResponse(ReadOnlySpan<byte> buffer) => Decode(buffer, ResponseHeadLength);

    /// <summary>Decodes the first host-to-SAM frame (<c>CMD PARA [data]</c>) in <paramref name="buffer"/>.</summary>
    public static SamDecodeResult DecodeCommand(ReadOnlySpan<byte> buffer) => Decode(buffer, CommandHeadLength);

    private static SamDecodeResult Decode(ReadOnlySpan<byte> buffer, int minimumBody)
    {
        var start = buffer.IndexOf(SamFrame.Preamble);
        if (start < 0)
        {
            // Keep a tail that may be the start of a preamble split across reads.
            return new SamDecodeResult(SamDecodeOutcome.NeedMoreBytes, Math.Max(0, buffer.Length - (SamFrame.PreambleLength - 1)));
        }

        var lengthAt = start + SamFrame.PreambleLength;
        if (buffer.Length < lengthAt + SamFrame.LengthFieldLength)
        {
            return new SamDecodeResult(SamDecodeOutcome.NeedMoreBytes, start);
        }

        int length = BinaryPrimitives.ReadUInt16BigEndian(buffer[lengthAt..]);
        if (length < minimumBody + SamFrame.ChecksumLength || length > SamFrame.MaxLength)
        {
            // Skip only the preamble: the next real frame may begin inside what the bad length claimed.
            return new SamDecodeResult(SamDecodeOutcome.BadLength, lengthAt);
        }

        var end = lengthAt + SamFrame.LengthFieldLength + length;
        if (buffer.Length < end)
        {
            return new SamDecodeResult(SamDecodeOutcome.NeedMoreBytes, start);
        }

        var checksum = SamFrame.Checksum(buffer[lengthAt..(end - SamFrame.ChecksumLength)]);
        if (checksum != buffer[end - SamFrame.ChecksumLength])
        {
            return new SamDecodeResult(SamDecodeOutcome.BadChecksum, lengthAt);
        }

        var body = buffer[(lengthAt + SamFrame.LengthFieldLength)..(end - SamFrame.ChecksumLength)];
        return new SamDecodeResult(SamDecodeOutcome.Frame, end, body);
    }
}
