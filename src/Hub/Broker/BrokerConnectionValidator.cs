using GateSync.Hub.Agents;
using Microsoft.Extensions.Options;
using MQTTnet.Protocol;
using MQTTnet.Server;

namespace GateSync.Hub.Broker;

/// <summary>
/// Decides who may connect to the embedded broker: the hub's own clients (<see cref="BrokerInternalCredentials"/>), and agents
/// whose user name and secret match the registry (<c>PUT /api/agents/{agentId}</c>). With
/// <c>Hub:Mqtt:Embedded:RequireAuthentication</c> false anyone may connect, as on a trial's closed network.
/// </summary>
public partial class BrokerConnectionValidator(
    AgentRegistry registry,
    BrokerInternalCredentials internalCredentials,
    IOptions<BrokerAuthOptions> options,
    ILogger<BrokerConnectionValidator> logger)
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

        var clientId = args.AssignedClientIdentifier ?? args.ClientId;
        if (internalCredentials.Matches(args.UserName, args.Password))
        {
            BrokerClient.RememberInternal(args.SessionItems);
        }
        else if (registry.Authenticate(args.UserName, args.Password) is { } agent)
        {
            BrokerClient.RememberAgent(args.SessionItems, agent);
        }
        else if (!options.Value.RequireAuthentication)
        {
            BrokerClient.RememberAnonymous(args.SessionItems);
        }
        else
        {
            // One reason for an unknown user and a wrong secret, so the answer does not tell which agent ids exist.
            args.ReasonCode = MqttConnectReasonCode.BadUserNameOrPassword;
            Log.RefusedCredentials(logger, clientId, args.UserName ?? "(none)", endpoint);
            return Task.CompletedTask;
        }

        args.ReasonCode = MqttConnectReasonCode.Success;
        Log.Accepted(logger, clientId, endpoint);
        return Task.CompletedTask;
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 200, Level = LogLevel.Debug, Message = "Broker accepted client {ClientId} from {Endpoint}")]
        public static partial void Accepted(ILogger logger, string clientId, string endpoint);

        [LoggerMessage(EventId = 201, Level = LogLevel.Information, Message = "Broker refused a persistent session without a client ID from {Endpoint}")]
        public static partial void RefusedNamelessPersistentSession(ILogger logger, string endpoint);

        [LoggerMessage(EventId = 202, Level = LogLevel.Warning, Message = "Broker refused client {ClientId} (user {UserName}) from {Endpoint}: unknown user or wrong secret")]
        public static partial void RefusedCredentials(ILogger logger, string clientId, string userName, string endpoint);
    }
}
