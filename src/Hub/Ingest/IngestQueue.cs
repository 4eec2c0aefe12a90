using System.Threading.Channels;
using Microsoft.Extensions.Options;

namespace GateSync.Hub.Ingest;

/// <summary>
/// The channel between the MQTT subscription and the batch writer. Bounded, so a slow disk holds the
/// subscription back (and the broker keeps the rest) instead of growing the hub's memory.
/// </summary>
public sealed class IngestQueue(IOptions<HubOptions> options)
{
    private readonly Channel<IngestMessage> _channel = Channel.CreateBounded<IngestMessage>(
        new BoundedChannelOptions(Math.Max(options.Value.Ingest.BatchSize * 4, 64))
        {
            FullMode = BoundedChannelFullMode.Wait,
            SingleReader = true,
            SingleWriter = true,
        });

    public ChannelWriter<IngestMessage> Writer => _channel.Writer;

    public ChannelReader<IngestMessage> Reader => _channel.Reader;
}
