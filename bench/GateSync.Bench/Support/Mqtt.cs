using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;

namespace GateSync.Bench.Support;

/// <summary>Plain MQTTnet clients as the agents use them: MQTT 5, QoS 1.</summary>
public static class Mqtt
{
    /// <param name="socketBufferBytes">Socket buffers; MQTTnet's default (8 KiB) also turns off the kernel's own sizing.</param>
    public static async Task<IMqttClient> ConnectAsync(
        string host, int port, string clientId, int? socketBufferBytes = null, CancellationToken cancellationToken = default)
    {
        var client = new MqttClientFactory().CreateMqttClient();
        var options = new MqttClientOptionsBuilder()
            .WithTcpServer(host, port)
            .WithClientId(clientId)
            .WithProtocolVersion(MqttProtocolVersion.V500)
            .WithCleanStart(true)
            .WithKeepAlivePeriod(TimeSpan.FromSeconds(30))
            .WithTimeout(TimeSpan.FromSeconds(30))
            .Build();
        if (socketBufferBytes is { } bytes)
        {
            ((MqttClientTcpOptions)options.ChannelOptions).BufferSize = bytes;
        }

        await client.ConnectAsync(options, cancellationToken);
        return client;
    }

    public static MqttApplicationMessage CheckIn(string topic, byte[] payload) =>
        new MqttApplicationMessageBuilder()
            .WithTopic(topic)
            .WithPayload(payload)
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
            .WithContentType("application/json")
            .Build();

    public static bool Accepted(MqttClientPublishResult result) =>
        result.ReasonCode is MqttClientPublishReasonCode.Success or MqttClientPublishReasonCode.NoMatchingSubscribers;

    public static async Task SubscribeAsync(IMqttClient client, string filter, CancellationToken cancellationToken = default) =>
        await client.SubscribeAsync(
            new MqttClientSubscribeOptionsBuilder().WithTopicFilter(filter, MqttQualityOfServiceLevel.AtLeastOnce).Build(),
            cancellationToken);
}
