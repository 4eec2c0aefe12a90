using System.Net;
using System.Net.Sockets;

namespace GateSync.Testing.Processes;

public static class FreeTcpPort
{
    // Linux hands out ephemeral ports from 32768 up; staying below keeps them out of reach of bind(0) and outgoing connections.
    private const int Lowest = 20000;
    private const int Highest = 32000;

    /// <summary>Ports handed out in this test run, never handed out twice.</summary>
    private static readonly HashSet<int> HandedOut = [];

    /// <summary>
    /// A loopback port nobody listens on right now; tests never use fixed ports. It lies below the ephemeral range and
    /// is never handed out twice, so a broker or hub stopped in a test can start again on its port without another
    /// test, outgoing connection or <c>bind(0)</c> having taken it meanwhile.
    /// </summary>
    public static int Next()
    {
        lock (HandedOut)
        {
            for (var attempt = 0; attempt < 1000; attempt++)
            {
                var port = Random.Shared.Next(Lowest, Highest);
                if (HandedOut.Contains(port))
                {
                    continue;
                }

                try
                {
                    using var listener = new TcpListener(IPAddress.Loopback, port);
                    listener.Start();
                    listener.Stop();
                    HandedOut.Add(port);
                    return port;
                }
                catch (SocketException)
                {
                    // Taken by someone else; try another.
                }
            }

            throw new InvalidOperationException($"no free loopback port between {Lowest} and {Highest}");
        }
    }
}
