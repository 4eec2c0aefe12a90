using System.Security.Cryptography;

namespace GateSync.Agent.Readers.Sam;

/// <summary>
/// One open link to a SAM: sends a command, waits for its response frame, and keeps the response in
/// a receive buffer that is wiped as it is consumed, so card data and photos do not linger in memory.
/// </summary>
internal sealed class SamConnection(ISerialLink link, TimeProvider time) : IAsyncDisposable
{
    // Room for two of the longest frames: a response can arrive behind leftover noise.
    private readonly byte[] received = new byte[2 * (SamFrame.MaxLength + SamFrame.Overhead)];
    private int count;
    private int replyDataStart;
    private int replyDataLength;

    /// <summary>The data of the last answered reply; valid until the next exchange.</summary>
    public ReadOnlySpan<byte> ReplyData => received.AsSpan(replyDataStart, replyDataLength);

    public async Task<SamReply> ExchangeAsync(SamCommand command, TimeSpan timeout, CancellationToken cancellationToken)
    {
        // Frames carry no command id: bytes left from an earlier command must not pass for this one's answer.
        Drop(count);
        replyDataLength = 0;

        using var deadline = new CancellationTokenSource(timeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        try
        {
            await link.WriteAsync(SamFrame.EncodeCommand(command), linked.Token).ConfigureAwait(false);
            while (true)
            {
                var reply = TakeReply();
                if (reply is not null)
                {
                    return reply.Value;
                }

                var read = await link.ReadAsync(received.AsMemory(count), linked.Token).ConfigureAwait(false);
                if (read == 0)
                {
                    throw new IOException("the serial link reached its end");
                }

                count += read;
            }
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            return SamReply.TimedOut;
        }
    }

    public async ValueTask DisposeAsync()
    {
        Drop(count);
        await link.DisposeAsync().ConfigureAwait(false);
    }

    /// <summary>The reply in the buffer, or null to read more bytes.</summary>
    private SamReply? TakeReply()
    {
        while (true)
        {
            var step = SamFrameDecoder.DecodeResponse(received.AsSpan(0, count));
            switch (step.Outcome)
            {
                case SamDecodeOutcome.Frame:
                    // The body ends just before the checksum byte, which ends the consumed bytes.
                    replyDataLength = step.ResponseData.Length;
                    replyDataStart = step.Consumed - SamFrame.ChecksumLength - replyDataLength;
                    return new SamReply(SamReplyKind.Answered, step.Status);
                case SamDecodeOutcome.BadChecksum:
                    Drop(step.Consumed);
                    return SamReply.Garbled;
                case SamDecodeOutcome.BadLength:
                    // Most likely a preamble-like run in line noise: keep looking for the real frame.
                    Drop(step.Consumed);
                    continue;
                default:
                    Drop(step.Consumed);
                    if (count == received.Length)
                    {
                        Drop(count);
                    }

                    return null;
            }
        }
    }

    private void Drop(int consumed)
    {
        if (consumed <= 0)
        {
            return;
        }

        var remaining = count - consumed;
        received.AsSpan(consumed, remaining).CopyTo(received);
        CryptographicOperations.ZeroMemory(received.AsSpan(remaining, consumed));
        count = remaining;
    }
}
