using System.Net;
using GateSync.Hub.Broker;
using GateSync.Contracts.Wire;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;

namespace GateSync.Hub.Ingest;

/// <summary>How the ingest client reaches its broker: address, identity, persistent session and subscriptions.</summary>
public sealed record IngestConnection(string Host, int Port, string ClientId, string? Username, string? Password, bool UseTls, bool SharedSubscription, string? CaFile)
{
    /// <summary>The embedded broker's ingest client; fixed so its session survives reconnects.</summary>
    public const string EmbeddedClientId = "gatesync-hub-ingest";

    /// <summary>
    /// How long the broker keeps the hub's session (and its queued check-ins) while the hub is away: long
    /// enough for a weekend outage; past that the agents' outboxes and the ack cover what a broker dropped.
    /// </summary>
    public static readonly TimeSpan SessionExpiry = TimeSpan.FromDays(30);

    public string CheckInFilter => SharedSubscription ? Topics.SharedCheckIns : Topics.AllCheckIns;

    /// <param name="internalCredentials">How the hub signs in at its own embedded broker (unused in External mode).</param>
    public static IngestConnection From(HubMqttOptions mqtt, BrokerInternalCredentials internalCredentials)
    {
        ArgumentNullException.ThrowIfNull(internalCredentials);
        ArgumentNullException.ThrowIfNull(mqtt);
        if (mqtt.Mode == MqttMode.External)
        {
            var external = mqtt.External;
            return new IngestConnection(external.Host!, external.Port, external.ClientId, external.Username, external.Password, external.UseTls, mqtt.SharedSubscription, external.CaFile);
        }

        return new IngestConnection(
            LoopbackFor(mqtt.Embedded.BindAddress), mqtt.Embedded.Port, EmbeddedClientId, BrokerInternalCredentials.Username, internalCredentials.Password, false, false, null);
    }

    public MqttClientOptions ClientOptions()
    {
        var builder = new MqttClientOptionsBuilder()
            .WithTcpServer(Host, Port)
            // Reads ahead and sends a batch's acknowledgements together (CoalescingSocketStream).
            .WithStreamProvider(new CoalescingStreamProvider())
            .WithProtocolVersion(MqttProtocolVersion.V500)
            .WithClientId(ClientId)
            // Clean start false + a session expiry: the broker keeps queuing check-ins while the hub restarts.
            .WithCleanStart(false)
            .WithSessionExpiryInterval((uint)SessionExpiry.TotalSeconds)
            .WithKeepAlivePeriod(TimeSpan.FromSeconds(15))
            .WithTimeout(TimeSpan.FromSeconds(15));
        if (!string.IsNullOrEmpty(Username))
        {
            builder = builder.WithCredentials(Username, Password);
        }

        return builder.WithBrokerTls(UseTls, Host, CaFile).Build();
    }

    public MqttClientSubscribeOptions SubscribeOptions() =>
        new MqttClientSubscribeOptionsBuilder()
            .WithTopicFilter(CheckInFilter, MqttQualityOfServiceLevel.AtLeastOnce)
            .WithTopicFilter(Topics.AllStatuses, MqttQualityOfServiceLevel.AtLeastOnce)
            .Build();

    /// <summary>The address the hub reaches its own broker on: the bound address, or loopback when bound to all.</summary>
    public static string LoopbackFor(string? bindAddress)
    {
        if (string.IsNullOrWhiteSpace(bindAddress) || !IPAddress.TryParse(bindAddress, out var address))
        {
            return IPAddress.Loopback.ToString();
        }

        if (address.Equals(IPAddress.Any))
        {
            return IPAddress.Loopback.ToString();
        }

        return address.Equals(IPAddress.IPv6Any) ? IPAddress.IPv6Loopback.ToString() : address.ToString();
    }
}
