using System.Net;
using System.Net.Sockets;
using MQTTnet.Channel;

namespace GateSync.Hub.Ingest;

/// <summary>Opens the ingest client's TCP connection to its broker as a <see cref="CoalescingSocketStream"/>.</summary>
/// <param name="socketBufferBytes">
/// The socket's send and receive buffers. Set, because MQTTnet's own channel sets 8 KiB, which also turns off the kernel's
/// own sizing: the broker could then send the hub only some 25 check-ins before waiting for it to read (bench/README.md).
/// </param>
public sealed class CoalescingStreamProvider(int socketBufferBytes) : IMqttClientStreamProvider
{
    public async Task<Stream> ConnectAsync(EndPoint brokerEndPoint, CancellationToken cancellationToken)
    {
        // Dual mode, so one socket reaches an IPv4 address, an IPv6 one or a host name.
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp)
        {
            NoDelay = true,
            ReceiveBufferSize = socketBufferBytes,
            SendBufferSize = socketBufferBytes,
        };
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
