namespace GateSync.Agent.Readers.Sam;

/// <summary>An open byte pipe to a SAM: a serial port in production, anything stream-like in tests.</summary>
public interface ISerialLink : IAsyncDisposable
{
    /// <summary>Reads what has arrived, waiting for at least one byte; fails with an I/O error when the device is gone.</summary>
    ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken);

    ValueTask WriteAsync(ReadOnlyMemory<byte> bytes, CancellationToken cancellationToken);
}

/// <summary>Opens the link to one device, and tells an unplugged device (absent) from a broken one.</summary>
public interface ISerialLinkFactory
{
    /// <summary>Where the device is, for log lines.</summary>
    string Device { get; }

    /// <summary>Whether the device node exists at all; a USB reader that was pulled out does not.</summary>
    bool DeviceExists();

    /// <summary>Opens the device; throws <see cref="IOException"/> or <see cref="UnauthorizedAccessException"/> when it cannot.</summary>
    ISerialLink Open();
}
