using System.IO.Ports;

namespace GateSync.Bench.Support;

/// <summary>
/// The device side of a pty pair (a bench SAM, a relay board): opens the port 8N1 without handshake and runs the
/// device's serve loop on it until disposed.
/// </summary>
public sealed class PtyDeviceLoop : IAsyncDisposable
{
    private readonly SerialPort port;
    private readonly CancellationTokenSource stopping = new();
    private readonly Task loop;

    private PtyDeviceLoop(SerialPort port, Func<Stream, CancellationToken, Task> serve)
    {
        this.port = port;
        loop = Task.Run(() => serve(port.BaseStream, stopping.Token));
    }

    public static PtyDeviceLoop Open(string device, int baudRate, Func<Stream, CancellationToken, Task> serve)
    {
        var port = new SerialPort(device, baudRate, Parity.None, 8, StopBits.One) { Handshake = Handshake.None };
        port.Open();
        return new PtyDeviceLoop(port, serve);
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
            // Closing the port ends the serve loop.
        }

        stopping.Dispose();
    }
}
