using System.Threading.Channels;

namespace GateSync.Agent.Outbox;

/// <summary>
/// Tells the publisher that the outbox has something new. Many notifications before the publisher looks collapse into one:
/// it always reads everything pending, so it only needs to know that there is something.
/// </summary>
public sealed class OutboxSignal
{
    private readonly Channel<bool> _channel = Channel.CreateBounded<bool>(
        new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite, SingleReader = true });

    public void Notify() => _channel.Writer.TryWrite(true);

    /// <summary>Waits for a notification and consumes it; a cancelled wait consumes nothing.</summary>
    public async Task WaitAsync(CancellationToken cancellationToken)
    {
        await _channel.Reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false);
        _channel.Reader.TryRead(out _);
    }
}
