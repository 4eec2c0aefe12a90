using System.Net;
using System.Net.Sockets;
using MQTTnet.Channel;

namespace GateSync.Hub.Ingest;

/// <summary>Opens the ingest client's TCP connection to its broker as a <see cref="CoalescingSocketStream"/>.</summary>
/// <remarks>
/// The socket's buffer sizes are left to the kernel, which grows them with the connection's traffic. MQTTnet's own
/// channel set 8 KiB, which also turned that off: the broker could then send the hub only some 25 check-ins before
/// waiting for it to read (bench/README.md).
/// </remarks>
public sealed class CoalescingStreamProvider : IMqttClientStreamProvider
{
    public async Task<Stream> ConnectAsync(EndPoint brokerEndPoint, CancellationToken cancellationToken)
    {
        // Dual mode, so one socket reaches an IPv4 address, an IPv6 one or a host name.
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(brokerEndPoint, cancellationToken).ConfigureAwait(false);
            return new CoalescingSocketStream(socket);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
