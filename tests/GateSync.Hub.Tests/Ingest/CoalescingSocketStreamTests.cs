using System.Net;
using System.Net.Sockets;
using GateSync.Hub.Ingest;
using GateSync.Testing;

namespace GateSync.Hub.Tests.Ingest;

/// <summary>The ingest client's socket stream, against a real loopback peer standing in for the broker.</summary>
public sealed class CoalescingSocketStreamTests : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);

    public CoalescingSocketStreamTests() => _listener.Start();

    [Fact]
    public async Task Thousands_of_small_writes_arrive_complete_and_in_the_order_written()
    {
        var (stream, peer) = await ConnectAsync();
        await using var _ = stream;
        using var __ = peer;

        // As ingest acknowledges a batch: 2,000 PUBACKs of 4 bytes, each naming its packet.
        const int acks = 2000;
        for (var id = 1; id <= acks; id++)
        {
            await stream.WriteAsync(new byte[] { 0x40, 0x02, (byte)(id >> 8), (byte)id });
            await stream.FlushAsync();
        }

        var received = await ReadExactlyAsync(peer, acks * 4);
        for (var id = 1; id <= acks; id++)
        {
            Assert.Equal(id, (received[((id - 1) * 4) + 2] << 8) | received[((id - 1) * 4) + 3]);
        }
    }

    [Fact]
    public async Task Packets_that_arrive_in_one_piece_are_read_in_any_sizes_and_the_end_of_the_connection_reads_as_zero()
    {
        var (stream, peer) = await ConnectAsync();
        await using var _ = stream;
        var sent = Enumerable.Range(0, 10_000).Select(i => (byte)(i * 7)).ToArray();
        await peer.GetStream().WriteAsync(sent);
        peer.Client.Shutdown(SocketShutdown.Send);

        var received = new List<byte>();
        var buffer = new byte[3];
        int read;
        while ((read = await stream.ReadAsync(buffer)) > 0)
        {
            received.AddRange(buffer[..read]);
        }

        Assert.Equal(sent, received);
        peer.Dispose();
    }

    [Fact]
    public async Task What_is_written_just_before_closing_still_goes_out()
    {
        var (stream, peer) = await ConnectAsync();
        using var _ = peer;

        // MQTTnet writes DISCONNECT and disposes the stream right after, synchronously; the dispose must not block.
        await stream.WriteAsync(new byte[] { 0xE0, 0x00 });
        var clock = System.Diagnostics.Stopwatch.StartNew();
        stream.Dispose();
        Assert.True(clock.Elapsed < TimeSpan.FromMilliseconds(500), $"dispose took {clock.Elapsed}");

        Assert.Equal(new byte[] { 0xE0, 0x00 }, await ReadExactlyAsync(peer, 2));
        Assert.Equal(0, await peer.GetStream().ReadAsync(new byte[1]));
    }

    [Fact]
    public async Task Once_the_broker_has_gone_a_write_and_the_read_fail_with_an_IO_error()
    {
        var (stream, peer) = await ConnectAsync();
        await using var _ = stream;

        // The broker's end is reset, as when its process dies.
        peer.Client.LingerState = new LingerOption(true, 0);
        peer.Dispose();

        await Eventually.TrueAsync(
            async () =>
            {
                try
                {
                    await stream.WriteAsync(new byte[] { 0x40, 0x02, 0x00, 0x01 });
                    return false;
                }
                catch (IOException)
                {
                    return true;
                }
            },
            "a write to a connection the peer reset fails");

        // The read fails too, rather than reading as the broker's clean close, so the client logs a broken connection.
        var readFailure = await Assert.ThrowsAnyAsync<Exception>(() => stream.ReadAsync(new byte[16]).AsTask().WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.True(readFailure is IOException or SocketException, readFailure.ToString());
    }

    [Fact]
    public async Task A_send_that_fails_ends_a_read_under_way_with_the_reason_though_the_broker_stays_silent()
    {
        var accept = _listener.AcceptTcpClientAsync();
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp);
        await socket.ConnectAsync(_listener.LocalEndpoint);
        using var peer = await accept;
        await using var stream = new CoalescingSocketStream(socket);
        var read = stream.ReadAsync(new byte[16]).AsTask();

        // This end can no longer send, as when the connection breaks under the hub; the broker neither sends nor closes.
        socket.Shutdown(SocketShutdown.Send);
        await stream.WriteAsync(new byte[] { 0x40, 0x02, 0x00, 0x01 });

        var failure = await Assert.ThrowsAsync<IOException>(() => read.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.IsType<SocketException>(failure.InnerException);
    }

    [Fact]
    public async Task A_read_after_a_cancelled_one_returns_new_data_not_the_old_again()
    {
        var (stream, peer) = await ConnectAsync();
        await using var _ = stream;
        using var __ = peer;
        await peer.GetStream().WriteAsync("XY"u8.ToArray());
        var buffer = new byte[2];
        await stream.ReadExactlyAsync(buffer);

        using (var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(100)))
        {
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => stream.ReadAsync(buffer, cancel.Token).AsTask());
        }

        await peer.GetStream().WriteAsync("AB"u8.ToArray());
        await stream.ReadExactlyAsync(buffer).AsTask().WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal("AB"u8.ToArray(), buffer);
    }

    public async ValueTask DisposeAsync()
    {
        _listener.Stop();
        await Task.CompletedTask;
    }

    private async Task<(CoalescingSocketStream Stream, TcpClient Peer)> ConnectAsync()
    {
        var accept = _listener.AcceptTcpClientAsync();
        // By name, as MQTTnet hands the broker's address over.
        var stream = (CoalescingSocketStream)await new CoalescingStreamProvider()
            .ConnectAsync(new DnsEndPoint("localhost", ((IPEndPoint)_listener.LocalEndpoint).Port), CancellationToken.None);
        return (stream, await accept);
    }

    private static async Task<byte[]> ReadExactlyAsync(TcpClient peer, int count)
    {
        var buffer = new byte[count];
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await peer.GetStream().ReadExactlyAsync(buffer, timeout.Token);
        return buffer;
    }
}
