using GateSync.Agent.Readers.Sam;

namespace GateSync.Agent.Doors;

/// <summary>
/// A door strike on one relay of an LCUS USB relay board. The port is opened for each opening, so a board that was
/// unplugged and plugged back in works again without a restart.
/// </summary>
public sealed partial class LcusRelay : IDoor, IDisposable
{
    /// <summary>How long the release may take once the opening was cancelled (the agent is stopping).</summary>
    private static readonly TimeSpan ReleaseTimeout = TimeSpan.FromSeconds(2);

    private readonly ISerialLinkFactory port;
    private readonly int relay;
    private readonly TimeProvider time;
    private readonly ILogger logger;
    private readonly SemaphoreSlim holding = new(1, 1);

    public LcusRelay(string device, int relay, int baudRate, TimeProvider time, ILogger<LcusRelay> logger)
        : this(new SerialPortLinkFactory(device, baudRate), relay, time, logger)
    {
    }

    internal LcusRelay(ISerialLinkFactory port, int relay, TimeProvider time, ILogger logger)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(relay, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(relay, LcusRelayFrame.MaxRelay);
        this.port = port;
        this.relay = relay;
        this.time = time;
        this.logger = logger;
    }

    /// <summary>Throws <see cref="IOException"/> or <see cref="UnauthorizedAccessException"/> when the board cannot be reached.</summary>
    public async Task OpenAsync(TimeSpan holdOpen, CancellationToken cancellationToken)
    {
        if (!await holding.WaitAsync(0, CancellationToken.None).ConfigureAwait(false))
        {
            return;
        }

        try
        {
            if (!port.DeviceExists())
            {
                throw new IOException($"no relay board at {port.Device}");
            }

            var link = port.Open();
            await using (link.ConfigureAwait(false))
            {
                try
                {
                    await link.WriteAsync(LcusRelayFrame.Close(relay), cancellationToken).ConfigureAwait(false);
                    await Task.Delay(holdOpen, time, cancellationToken).ConfigureAwait(false);
                }
                finally
                {
                    await ReleaseAsync(link).ConfigureAwait(false);
                }
            }
        }
        finally
        {
            holding.Release();
        }
    }

    public void Dispose() => holding.Dispose();

    /// <summary>Always attempted, even when cancelled: a strike left energised is a door left open.</summary>
    private async Task ReleaseAsync(ISerialLink link)
    {
        using var timeout = new CancellationTokenSource(ReleaseTimeout);
        try
        {
            await link.WriteAsync(LcusRelayFrame.Release(relay), timeout.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or OperationCanceledException or InvalidOperationException)
        {
            LogReleaseFailed(logger, ex, port.Device, relay);
            throw new IOException($"relay {relay} on {port.Device} may still be closed (door open): the release was not sent", ex);
        }
    }

    [LoggerMessage(EventId = 701, Level = LogLevel.Error, Message = "Relay {Relay} on {Device}: the release was not sent; the door may still be open")]
    private static partial void LogReleaseFailed(ILogger logger, Exception exception, string device, int relay);
}
