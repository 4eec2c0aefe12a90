using GateSync.Contracts.Wire;
using MQTTnet.Protocol;
using MQTTnet.Server;

namespace GateSync.Hub.Broker;

/// <summary>
/// Keeps each agent inside its own <c>gatesync/v1/{siteId}/{agentId}/</c> at the embedded broker: it publishes only its
/// <c>checkin</c> and <c>status</c> and subscribes only to its <c>ack</c> and <c>cmd</c>. The hub's own clients are not limited.
/// </summary>
public sealed partial class BrokerTopicGuard(ILogger<BrokerTopicGuard> logger)
{
    public Task InterceptPublishAsync(InterceptingPublishEventArgs args)
    {
        ArgumentNullException.ThrowIfNull(args);
        if (BrokerClient.IsUnrestricted(args.SessionItems))
        {
            return Task.CompletedTask;
        }

        var topic = args.ApplicationMessage.Topic;
        var agent = BrokerClient.AgentOf(args.SessionItems);
        if (agent is null || (topic != Topics.CheckIn(agent.SiteId, agent.AgentId) && topic != Topics.Status(agent.SiteId, agent.AgentId)))
        {
            // MQTT 5 clients see "not authorized" in the PUBACK; the message goes nowhere.
            args.ProcessPublish = false;
            args.Response.ReasonCode = MqttPubAckReasonCode.NotAuthorized;
            Log.PublishRefused(logger, args.ClientId, topic);
        }

        return Task.CompletedTask;
    }

    public Task InterceptSubscriptionAsync(InterceptingSubscriptionEventArgs args)
    {
        ArgumentNullException.ThrowIfNull(args);
        if (BrokerClient.IsUnrestricted(args.SessionItems))
        {
            return Task.CompletedTask;
        }

        var filter = args.TopicFilter.Topic;
        var agent = BrokerClient.AgentOf(args.SessionItems);
        if (agent is null || (filter != Topics.Ack(agent.SiteId, agent.AgentId) && filter != Topics.Command(agent.SiteId, agent.AgentId)))
        {
            args.ProcessSubscription = false;
            args.Response.ReasonCode = MqttSubscribeReasonCode.NotAuthorized;
            Log.SubscriptionRefused(logger, args.ClientId, filter);
        }

        return Task.CompletedTask;
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 220, Level = LogLevel.Warning, Message = "Broker refused client {ClientId} a publish to {Topic}: not its own check-in or status topic")]
        public static partial void PublishRefused(ILogger logger, string clientId, string topic);

        [LoggerMessage(EventId = 221, Level = LogLevel.Warning, Message = "Broker refused client {ClientId} a subscription to {Filter}: not its own ack or cmd topic")]
        public static partial void SubscriptionRefused(ILogger logger, string clientId, string filter);
    }
}
