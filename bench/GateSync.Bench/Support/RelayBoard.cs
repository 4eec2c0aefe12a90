using System.Diagnostics;

namespace GateSync.Bench.Support;

/// <summary>An LCUS relay board on the device side of a pty pair: notes the instant each "close relay 1" command (A0 01 01 A2) arrives.</summary>
public sealed class RelayBoard : IAsyncDisposable
{
    private static readonly byte[] CloseRelay1 = [0xA0, 0x01, 0x01, 0xA2];

    private readonly TimestampLog closedAt = new();
    private readonly PtyDeviceLoop loop;

    private RelayBoard(string device) => loop = PtyDeviceLoop.Open(device, 9600, ListenAsync);

    public static RelayBoard Open(string device) => new(device);

    public IReadOnlyList<long> CloseTimestamps() => closedAt.Snapshot();

    public ValueTask DisposeAsync() => loop.DisposeAsync();

    private async Task ListenAsync(Stream port, CancellationToken cancellationToken)
    {
        var buffer = new byte[256];
        var pending = new List<byte>();
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                var read = await port.ReadAsync(buffer, cancellationToken);
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
                        closedAt.Add(at);

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
