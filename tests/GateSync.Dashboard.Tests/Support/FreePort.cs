using System.Net;
using System.Net.Sockets;

namespace GateSync.Dashboard.Tests.Support;

internal static class FreePort
{
    /// <summary>A loopback TCP port free right now (the OS picks it, so parallel tests do not collide).</summary>
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
