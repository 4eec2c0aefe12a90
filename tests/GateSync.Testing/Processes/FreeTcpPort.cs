using System.Net;
using System.Net.Sockets;

namespace GateSync.Testing.Processes;

public static class FreeTcpPort
{
    /// <summary>A loopback port nobody listens on right now; tests never use fixed ports.</summary>
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
