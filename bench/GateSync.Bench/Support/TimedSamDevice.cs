using System.Buffers.Binary;
using System.Diagnostics;
using GateSync.Contracts.Wire;
using GateSync.Testing.Sam;

namespace GateSync.Bench.Support;

/// <summary>
/// A resident ID card reader's SAM on the device side of a pty pair, in real GA 467-2013 frames, that holds a card
/// for exactly one read and notes the instant the card data left it: the start of the card-to-relay latency.
/// </summary>
public sealed class TimedSamDevice : IAsyncDisposable
{
    private readonly SamCommandReader commands = new();
    private readonly TimestampLog readAt = new();
    private readonly Random photo = new(467);
    private readonly PtyDeviceLoop loop;
    private volatile byte[]? armed;

    private TimedSamDevice(string device, string readerId)
    {
        ReaderId = readerId;
        loop = PtyDeviceLoop.Open(device, 115200, ServeAsync);
    }

    public string ReaderId { get; }

    /// <summary>Whether the last card placed has not been read yet.</summary>
    public bool Armed => armed is not null;

    public static TimedSamDevice Open(string device, string readerId) => new(device, readerId);

    /// <summary>Places a card for one read; the reader finds it on its next poll.</summary>
    public void Place(CardData card) => armed = SamTextBlockEncoder.Encode(card);

    /// <summary>Stopwatch timestamps of the reads answered so far.</summary>
    public IReadOnlyList<long> ReadTimestamps() => readAt.Snapshot();

    public ValueTask DisposeAsync() => loop.DisposeAsync();

    private async Task ServeAsync(Stream port, CancellationToken cancellationToken)
    {
        var buffer = new byte[4096];
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                var read = await port.ReadAsync(buffer, cancellationToken);
                if (read == 0)
                {
                    return;
                }

                commands.Append(buffer.AsSpan(0, read));
                while (commands.TakeCommand() is { } command)
                {
                    await AnswerAsync(port, command, cancellationToken);
                }
            }
        }
        catch (Exception ex) when (ex is IOException or OperationCanceledException or ObjectDisposedException or InvalidOperationException)
        {
            // The bench is done with the device.
        }
    }

    private async Task AnswerAsync(Stream port, (int Code, int Parameter) command, CancellationToken cancellationToken)
    {
        var card = armed;
        var (response, isRead) = command switch
        {
            (0x20, 0x01) => (card is null ? SamReaderEmulator.Frame(SamReaderEmulator.NoCard, default) : SamReaderEmulator.Frame(SamReaderEmulator.FindSuccess, [0, 0, 0, 0]), false),
            (0x20, 0x02) => (card is null ? SamReaderEmulator.Frame(SamReaderEmulator.SelectFailed, default) : SamReaderEmulator.Frame(SamReaderEmulator.Success, new byte[8]), false),
            (0x30, 0x01) => (card is null ? SamReaderEmulator.Frame(SamReaderEmulator.ReadFailed, default) : SamReaderEmulator.Frame(SamReaderEmulator.Success, ReadData(card)), card is not null),
            _ => (SamReaderEmulator.Frame(SamReaderEmulator.Success, default), false),
        };
        await port.WriteAsync(response, cancellationToken);
        if (isRead)
        {
            var at = Stopwatch.GetTimestamp();
            armed = null;
            readAt.Add(at);
        }
    }

    private byte[] ReadData(byte[] textBlock)
    {
        const int PhotoLength = 1024;
        var data = new byte[4 + textBlock.Length + PhotoLength];
        BinaryPrimitives.WriteUInt16BigEndian(data, (ushort)textBlock.Length);
        BinaryPrimitives.WriteUInt16BigEndian(data.AsSpan(2), PhotoLength);
        textBlock.CopyTo(data, 4);
        photo.NextBytes(data.AsSpan(4 + textBlock.Length));
        return data;
    }

}
