using System.Buffers;
using System.Net;
using System.Net.Sockets;
using MQTTnet.Channel;

namespace GateSync.Hub.Ingest;

/// <summary>
/// The ingest client's connection to its broker: a socket stream that reads ahead and sends what is written together.
/// </summary>
/// <remarks>
/// Ingest acknowledges each check-in with a PUBACK of 4 bytes, a whole batch of them right after its commit. Written
/// straight to the socket that is one send each, and the broker wakes up to read each one: about a tenth of the hub's
/// CPU went to those sends and to receiving one packet per read (bench/README.md). Here a write only copies the bytes and
/// makes sure a send is coming; the send runs on the thread pool a moment later and takes everything written by then, in
/// the order written. A failed send closes the socket, so the MQTT client's next read fails and it reconnects; what was
/// not sent is of no matter, because the broker redelivers every unacknowledged message on the new connection.
/// So a completed write or flush means "queued, in order", not "on the wire".
/// </remarks>
public sealed class CoalescingSocketStream : Stream, IMqttClientStreamEndPoints
{
    private const int ReadAheadBytes = 64 * 1024;

    /// <summary>Past this much unsent data a write waits for the send under way, so a stalled broker cannot grow memory.</summary>
    private const int MaxUnsentBytes = 1024 * 1024;

    /// <summary>How long closing waits for the last send to go out.</summary>
    private static readonly TimeSpan LastSendWait = TimeSpan.FromSeconds(1);

    private readonly Socket _socket;
    private readonly byte[] _readAhead = new byte[ReadAheadBytes];
    private int _readStart;
    private int _readEnd;

    private readonly Lock _writeLock = new();
    private ArrayBufferWriter<byte> _unsent = new(4096);
    private ArrayBufferWriter<byte> _sending = new(4096);
    private Task _sender = Task.CompletedTask;
    private bool _sendPending;
    private volatile Exception? _sendFailure;
    private bool _disposed;

    public CoalescingSocketStream(Socket socket)
    {
        ArgumentNullException.ThrowIfNull(socket);
        _socket = socket;
        LocalEndPoint = socket.LocalEndPoint;
        RemoteEndPoint = socket.RemoteEndPoint;
    }

    public EndPoint? LocalEndPoint { get; }

    public EndPoint? RemoteEndPoint { get; }

    public override bool CanRead => true;

    public override bool CanWrite => true;

    public override bool CanSeek => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_readStart == _readEnd)
        {
            // One receive takes as many packets as have arrived; the MQTT client then reads each from memory.
            var received = await _socket.ReceiveAsync(_readAhead, SocketFlags.None, cancellationToken).ConfigureAwait(false);
            (_readStart, _readEnd) = (0, received);
            if (received == 0 && _sendFailure is { } failure)
            {
                // Not a clean close by the broker: the send failed and closed the socket, so say why.
                throw new IOException("the connection to the broker failed", failure);
            }
        }

        var count = Math.Min(buffer.Length, _readEnd - _readStart);
        _readAhead.AsSpan(_readStart, count).CopyTo(buffer.Span);
        _readStart += count;
        return count;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer, offset, count, CancellationToken.None).GetAwaiter().GetResult();

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        lock (_writeLock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_sendFailure is { } failure)
            {
                throw new IOException("the connection to the broker failed", failure);
            }

            _unsent.Write(buffer.Span);
            ScheduleSend();
            // Not cancellable: the bytes are queued already and will go out, and a packet cut short would garble the stream.
            return _unsent.WrittenCount > MaxUnsentBytes ? new ValueTask(_sender) : ValueTask.CompletedTask;
        }
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Write(byte[] buffer, int offset, int count) => WriteAsync(buffer, offset, count, CancellationToken.None).GetAwaiter().GetResult();

    /// <summary>Makes sure a send is coming; it does not wait for it, or every packet would be a send of its own again.</summary>
    public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override ValueTask DisposeAsync()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
        return ValueTask.CompletedTask;
    }

    /// <remarks>
    /// Never blocks: MQTTnet disposes the stream synchronously, on its receive loop after a lost connection, and on a
    /// 2-core box a wait for the sender could starve it of the very thread it needs.
    /// </remarks>
    protected override void Dispose(bool disposing)
    {
        if (disposing && StopWriting() is { } sender)
        {
            if (sender.IsCompleted)
            {
                _socket.Dispose();
            }
            else
            {
                // Ends a read under way now; the socket closes once the last send (a DISCONNECT) is out, or after a second.
                ShutDownQuietly(SocketShutdown.Receive);
                _ = CloseAfterAsync(sender);
            }
        }

        base.Dispose(disposing);
    }

    private async Task CloseAfterAsync(Task sender)
    {
        await Task.WhenAny(sender, Task.Delay(LastSendWait)).ConfigureAwait(false);
        _socket.Dispose();
    }

    /// <summary>Refuses further writes; the send under way, or null when already disposed.</summary>
    private Task? StopWriting()
    {
        lock (_writeLock)
        {
            if (_disposed)
            {
                return null;
            }

            _disposed = true;
            return _sender;
        }
    }

    // Under _writeLock.
    private void ScheduleSend()
    {
        if (_sendPending)
        {
            return;
        }

        _sendPending = true;

        // On the thread pool rather than here, so the writes that follow this one at once go with it in the same send.
        _sender = Task.Run(SendUnsentAsync);
    }

    private async Task SendUnsentAsync()
    {
        try
        {
            while (true)
            {
                lock (_writeLock)
                {
                    if (_unsent.WrittenCount == 0)
                    {
                        _sendPending = false;
                        return;
                    }

                    (_unsent, _sending) = (_sending, _unsent);
                }

                var data = _sending.WrittenMemory;
                while (!data.IsEmpty)
                {
                    data = data[await _socket.SendAsync(data, SocketFlags.None).ConfigureAwait(false)..];
                }

                _sending.ResetWrittenCount();
            }
        }
        catch (Exception ex)
        {
            // Whatever stopped the send ends the connection: a sender that died quietly would leave every later write unsent.
            lock (_writeLock)
            {
                _sendFailure = ex;
                _sendPending = false;
            }

            // The reader sees the end of the connection and the client reconnects.
            ShutDownQuietly(SocketShutdown.Both);
        }
    }

    private void ShutDownQuietly(SocketShutdown how)
    {
        try
        {
            _socket.Shutdown(how);
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
        {
            // Already gone.
        }
    }
}
