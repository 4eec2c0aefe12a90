using System.Buffers.Binary;
using System.IO.Ports;
using GateSync.Contracts.Wire;

namespace GateSync.Testing.Sam;

/// <summary>
/// A resident ID card reader on the far end of a serial line (e.g. <see cref="SocatPtyPair.DeviceSide"/>):
/// answers find, select and read for the card currently placed on it, in real GA 467-2013 frames.
/// Faults queued with <see cref="Enqueue"/> spoil the next responses one each.
/// </summary>
public sealed class SamReaderEmulator : IAsyncDisposable
{
    public const byte Success = 0x90;
    public const byte FindSuccess = 0x9F;
    public const byte NoCard = 0x80;
    public const byte SelectFailed = 0x81;
    public const byte ReadFailed = 0x41;
    public const byte FrameChecksumError = 0x10;
    public const byte CommandError = 0x21;
    public const byte SamNotAuthorised = 0x66;

    public static readonly byte[] FindCard = [0x20, 0x01];
    public static readonly byte[] SelectCard = [0x20, 0x02];
    public static readonly byte[] ReadText = [0x30, 0x01];

    private const int PhotoLength = 1024;

    private readonly SerialPort port;
    private readonly Random random;
    private readonly List<(byte[]? Command, SamEmulatorFault Fault)> faults = [];
    private readonly CancellationTokenSource stopping = new();
    private readonly Task loop;
    private readonly SamCommandReader commands = new();
    private volatile Placed? placed;
    private int findsAnswered;
    private int readsAnswered;

    private SamReaderEmulator(SerialPort port, int seed)
    {
        this.port = port;
        random = new Random(seed);
        loop = Task.Run(() => ServeAsync(stopping.Token));
    }

    /// <summary>The card on the reader, or null for an empty reader.</summary>
    public CardData? Card => placed?.Card;

    /// <summary>Finds answered so far, with or without a card: a way to wait for poll cycles to pass.</summary>
    public int FindsAnswered => Volatile.Read(ref findsAnswered);

    /// <summary>Successful reads answered so far.</summary>
    public int ReadsAnswered => Volatile.Read(ref readsAnswered);

    /// <summary>Why serving stopped (e.g. the pty went away), if it did.</summary>
    public Exception? Failure { get; private set; }

    public static SamReaderEmulator Open(string device, int seed = 467)
    {
        var port = new SerialPort(device, 115200, Parity.None, 8, StopBits.One) { Handshake = Handshake.None };
        try
        {
            port.Open();
        }
        catch
        {
            port.Dispose();
            throw;
        }

        return new SamReaderEmulator(port, seed);
    }

    /// <summary>Puts a card on the reader; <paramref name="nationCode"/> goes into the resident layout's nation field.</summary>
    public void PlaceCard(CardData card, string nationCode = "01") =>
        placed = new Placed(card, SamTextBlockEncoder.Encode(card, nationCode));

    /// <summary>Puts a raw 256-byte text block on the reader, for malformed cards.</summary>
    public void PlaceTextBlock(byte[] textBlock) => placed = new Placed(null, textBlock);

    public void RemoveCard() => placed = null;

    /// <summary>Spoils the next response, or with <paramref name="command"/> (CMD PARA) the next response to that command.</summary>
    public void Enqueue(SamEmulatorFault fault, byte[]? command = null)
    {
        lock (faults)
        {
            faults.Add((command, fault));
        }
    }

    /// <summary>Drops the faults not applied yet: the line and the SAM are healthy again.</summary>
    public void ClearFaults()
    {
        lock (faults)
        {
            faults.Clear();
        }
    }

    /// <summary>Writes bytes on the line now, outside any frame.</summary>
    public Task SendGarbageAsync(byte[] bytes) => port.BaseStream.WriteAsync(bytes).AsTask();

    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync().ConfigureAwait(false);
        try
        {
            await loop.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }

        try
        {
            port.Dispose();
        }
        catch (IOException)
        {
            // The pty may already be gone.
        }

        stopping.Dispose();
    }

    /// <summary>A complete response frame, built here from the spec rather than borrowed from the agent.</summary>
    public static byte[] Frame(byte sw3, ReadOnlySpan<byte> data)
    {
        var length = 3 + data.Length + 1;
        var frame = new byte[SamCommandReader.Preamble.Length + 2 + length];
        SamCommandReader.Preamble.CopyTo(frame, 0);
        BinaryPrimitives.WriteUInt16BigEndian(frame.AsSpan(SamCommandReader.Preamble.Length), (ushort)length);
        frame[SamCommandReader.Preamble.Length + 4] = sw3;
        data.CopyTo(frame.AsSpan(SamCommandReader.Preamble.Length + 5));
        byte sum = 0;
        for (var i = SamCommandReader.Preamble.Length; i < frame.Length - 1; i++)
        {
            sum ^= frame[i];
        }

        frame[^1] = sum;
        return frame;
    }

    private async Task ServeAsync(CancellationToken cancellationToken)
    {
        var buffer = new byte[4096];
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                var read = await port.BaseStream.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
                if (read == 0)
                {
                    return;
                }

                commands.Append(buffer.AsSpan(0, read));
                while (commands.TakeCommand() is { } command)
                {
                    await AnswerAsync(command, cancellationToken).ConfigureAwait(false);
                }
            }
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or InvalidOperationException)
        {
            Failure = e;
        }
    }


    private async Task AnswerAsync((int Code, int Parameter) command, CancellationToken cancellationToken)
    {
        var fault = TakeFault(command);
        if (fault is SamEmulatorFault.Silence)
        {
            return;
        }

        if (fault is SamEmulatorFault.Garbage garbage)
        {
            await port.BaseStream.WriteAsync(garbage.Bytes, cancellationToken).ConfigureAwait(false);
        }

        var response = fault is SamEmulatorFault.Status status ? Frame(status.Sw3, default) : Respond(command);
        if (fault is SamEmulatorFault.BadChecksum)
        {
            response[^1] ^= 0xFF;
        }

        await port.BaseStream.WriteAsync(response, cancellationToken).ConfigureAwait(false);
    }

    private SamEmulatorFault? TakeFault((int Code, int Parameter) command)
    {
        lock (faults)
        {
            var index = faults.FindIndex(f => f.Command is null || (f.Command[0] == command.Code && f.Command[1] == command.Parameter));
            if (index < 0)
            {
                return null;
            }

            var fault = faults[index].Fault;
            faults.RemoveAt(index);
            return fault;
        }
    }

    private byte[] Respond((int Code, int Parameter) command)
    {
        var card = placed;
        switch (command)
        {
            case (-1, -1):
                return Frame(FrameChecksumError, default);
            case (0x20, 0x01):
                Interlocked.Increment(ref findsAnswered);
                return card is null ? Frame(NoCard, default) : Frame(FindSuccess, [0, 0, 0, 0]);
            case (0x20, 0x02):
                return card is null ? Frame(SelectFailed, default) : Frame(Success, new byte[8]);
            case (0x30, 0x01):
                if (card is null)
                {
                    return Frame(ReadFailed, default);
                }

                Interlocked.Increment(ref readsAnswered);
                return Frame(Success, ReadData(card.TextBlock));
            case (0x10 or 0x11, 0xFF):
                return Frame(Success, default);
            case (0x12, 0xFF):
                return Frame(Success, new byte[16]);
            default:
                return Frame(CommandError, default);
        }
    }

    /// <summary>Text length, photo length, text, and a photo of random bytes (the real one is encrypted WLT).</summary>
    private byte[] ReadData(byte[] textBlock)
    {
        var data = new byte[4 + textBlock.Length + PhotoLength];
        BinaryPrimitives.WriteUInt16BigEndian(data, (ushort)textBlock.Length);
        BinaryPrimitives.WriteUInt16BigEndian(data.AsSpan(2), PhotoLength);
        textBlock.CopyTo(data, 4);
        random.NextBytes(data.AsSpan(4 + textBlock.Length));
        return data;
    }

    private sealed record Placed(CardData? Card, byte[] TextBlock);
}
