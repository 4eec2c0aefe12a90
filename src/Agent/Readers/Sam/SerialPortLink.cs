using System.IO.Ports;

namespace GateSync.Agent.Readers.Sam;

/// <summary>A SAM on a serial port (RS-232 or USB-serial), 8N1, no handshake.</summary>
public sealed class SerialPortLink : ISerialLink
{
    private readonly SerialPort port;

    private SerialPortLink(SerialPort port) => this.port = port;

    public static SerialPortLink Open(string device, int baudRate)
    {
        var port = new SerialPort(device, baudRate, Parity.None, 8, StopBits.One) { Handshake = Handshake.None };
        try
        {
            port.Open();
            return new SerialPortLink(port);
        }
        catch
        {
            port.Dispose();
            throw;
        }
    }

    public ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken) =>
        port.BaseStream.ReadAsync(buffer, cancellationToken);

    public ValueTask WriteAsync(ReadOnlyMemory<byte> bytes, CancellationToken cancellationToken) =>
        port.BaseStream.WriteAsync(bytes, cancellationToken);

    public ValueTask DisposeAsync()
    {
        try
        {
            port.Dispose();
        }
        catch (IOException)
        {
            // Closing a port whose device vanished may fail; there is nothing left to release.
        }

        return ValueTask.CompletedTask;
    }
}

/// <summary>Opens <see cref="SerialPortLink"/>s to one configured device.</summary>
public sealed class SerialPortLinkFactory(string device, int baudRate) : ISerialLinkFactory
{
    public string Device => device;

    // On Linux a missing node makes SerialPort.Open fail with "access denied", so look for the node first.
    public bool DeviceExists() =>
        OperatingSystem.IsWindows()
            ? SerialPort.GetPortNames().Contains(device, StringComparer.OrdinalIgnoreCase)
            : NodeExists(device);

    /// <summary>Follows links such as <c>/dev/serial/by-id/...</c>: a link left behind by an unplugged device is absent.</summary>
    private static bool NodeExists(string path)
    {
        if (string.IsNullOrWhiteSpace(path))
        {
            return false;
        }

        try
        {
            return File.ResolveLinkTarget(path, returnFinalTarget: true) is { } target ? target.Exists : File.Exists(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
        {
            return false;
        }
    }

    public ISerialLink Open() => SerialPortLink.Open(device, baudRate);
}
