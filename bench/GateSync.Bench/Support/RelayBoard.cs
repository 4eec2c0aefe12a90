using System.Diagnostics;
using System.IO.Ports;

namespace GateSync.Bench.Support;

/// <summary>An LCUS relay board on the device side of a pty pair: notes the instant each "close relay 1" command (A0 01 01 A2) arrives.</summary>
public sealed class RelayBoard : IAsyncDisposable
{
    private static readonly byte[] CloseRelay1 = [0xA0, 0x01, 0x01, 0xA2];

    private readonly SerialPort port;
    private readonly CancellationTokenSource stopping = new();
    private readonly Task loop;
    private readonly List<long> closedAt = [];

    private RelayBoard(SerialPort port)
    {
        this.port = port;
        loop = Task.Run(() => ListenAsync(stopping.Token));
    }

    public static RelayBoard Open(string device)
    {
        var port = new SerialPort(device, 9600, Parity.None, 8, StopBits.One) { Handshake = Handshake.None };
        port.Open();
        return new RelayBoard(port);
    }

    public IReadOnlyList<long> CloseTimestamps()
    {
        lock (closedAt)
        {
            return [.. closedAt];
        }
    }

    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync();
        try
        {
            port.Dispose();
            await loop;
        }
        catch (Exception ex) when (ex is IOException or OperationCanceledException or ObjectDisposedException)
        {
            // Closing the port ends the read loop.
        }

        stopping.Dispose();
    }

    private async Task ListenAsync(CancellationToken cancellationToken)
    {
        var buffer = new byte[256];
        var pending = new List<byte>();
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                var read = await port.BaseStream.ReadAsync(buffer, cancellationToken);
                var at = Stopwatch.GetTimestamp();
                if (read == 0)
                {
                    return;
                }

                pending.AddRange(buffer.AsSpan(0, read));
                while (pending.Count >= CloseRelay1.Length)
                {
                    if (pending[0] == CloseRelay1[0] && pending[1] == CloseRelay1[1] && pending[2] == CloseRelay1[2] && pending[3] == CloseRelay1[3])
                    {
                        lock (closedAt)
                        {
                            closedAt.Add(at);
                        }

                        pending.RemoveRange(0, CloseRelay1.Length);
                    }
                    else if (pending[0] == 0xA0)
                    {
                        pending.RemoveRange(0, Math.Min(CloseRelay1.Length, pending.Count));
                    }
                    else
                    {
                        pending.RemoveAt(0);
                    }
                }
            }
        }
        catch (Exception ex) when (ex is IOException or OperationCanceledException or ObjectDisposedException or InvalidOperationException)
        {
            // The bench is done with the board.
        }
    }
}
