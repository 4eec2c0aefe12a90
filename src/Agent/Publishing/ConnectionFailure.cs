using System.Net.Sockets;
using MQTTnet.Adapter;
using MQTTnet.Exceptions;

namespace GateSync.Agent.Publishing;

/// <summary>Which exceptions mean "the broker is not there right now" and are answered by reconnecting, not by stopping.</summary>
internal static class ConnectionFailure
{
    public static bool IsTransient(Exception exception, CancellationToken stoppingToken) => exception switch
    {
        MqttCommunicationException or MqttConnectingFailedException or MqttClientNotConnectedException
            or MqttClientDisconnectedException or MqttClientUnexpectedDisconnectReceivedException => true,
        SocketException or IOException or TimeoutException => true,

        // A connect or publish timing out inside MQTTnet, not the agent stopping.
        OperationCanceledException => !stoppingToken.IsCancellationRequested,
        _ => false,
    };
}
