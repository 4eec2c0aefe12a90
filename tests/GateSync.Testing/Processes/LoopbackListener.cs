using System.Net;
using System.Net.Sockets;

namespace GateSync.Testing.Processes;

/// <summary>Whether a process started by a test listens on its loopback port yet.</summary>
public static class LoopbackListener
{
    public static async Task<bool> AcceptsConnectionsAsync(int port)
    {
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync(IPAddress.Loopback, port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    public static Task WaitUntilListeningAsync(int port, TimeSpan timeout, Func<string>? diagnostics = null) =>
        Eventually.TrueAsync(() => AcceptsConnectionsAsync(port), $"something listening on port {port}", timeout, diagnostics);
}
