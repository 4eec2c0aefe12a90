using MQTTnet.Protocol;
using MQTTnet.Server;

namespace GateSync.Hub.Broker;

/// <summary>
/// Decides who may connect to the embedded broker. Anonymous for now; per-agent credentials
/// (<c>PUT /api/agents/{agentId}</c>) plug in here by checking <see cref="ValidatingConnectionEventArgs.UserName"/>
/// and the password against the hub's stored hash.
/// </summary>
public partial class BrokerConnectionValidator(ILogger<BrokerConnectionValidator> logger)
{
    public virtual Task ValidateAsync(ValidatingConnectionEventArgs args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var endpoint = args.RemoteEndPoint?.ToString() ?? "unknown";

        if (string.IsNullOrEmpty(args.ClientId))
        {
            // Tools such as mosquitto_pub connect without a client ID; MQTT lets the broker assign one for a
            // clean session. A persistent session needs a name to come back to, so that case is refused.
            if (args.CleanSession == false)
            {
                args.ReasonCode = MqttConnectReasonCode.ClientIdentifierNotValid;
                Log.RefusedNamelessPersistentSession(logger, endpoint);
                return Task.CompletedTask;
            }

            args.AssignedClientIdentifier = "anonymous-" + Guid.NewGuid().ToString("N");
        }

        args.ReasonCode = MqttConnectReasonCode.Success;
        Log.Accepted(logger, args.AssignedClientIdentifier ?? args.ClientId, endpoint);
        return Task.CompletedTask;
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 200, Level = LogLevel.Debug, Message = "Broker accepted client {ClientId} from {Endpoint}")]
        public static partial void Accepted(ILogger logger, string clientId, string endpoint);

        [LoggerMessage(EventId = 201, Level = LogLevel.Information, Message = "Broker refused a persistent session without a client ID from {Endpoint}")]
        public static partial void RefusedNamelessPersistentSession(ILogger logger, string endpoint);
    }
}
