using System.Threading.Channels;
using GateSync.Agent.Readers.Sam;
using GateSync.Contracts.Wire;

namespace GateSync.Agent.Readers.Line;

/// <summary>
/// A serial card reader or QR scanner that sends each card number as a line of text. It survives being unplugged:
/// the state turns <see cref="ReaderState.Absent"/> and the port is opened again when the device returns.
/// </summary>
public sealed partial class LineSerialReader : ICardReader
{
    private const int ReadBufferBytes = 512;

    private readonly ReaderOptions options;
    private readonly ISerialLinkFactory device;
    private readonly TokenReaderTimings timings;
    private readonly TimeProvider time;
    private readonly ILogger logger;
    private readonly TokenSwipes tokens;
    private volatile ReaderState state = ReaderState.Absent;

    public LineSerialReader(ReaderOptions options, TimeProvider time, ILogger<LineSerialReader> logger, IAccessTokenSink? doors = null)
        : this(options, new SerialPortLinkFactory(options?.Port ?? string.Empty, options?.BaudRate ?? 9600), new TokenReaderTimings(), time, logger, doors)
    {
    }

    internal LineSerialReader(
        ReaderOptions options,
        ISerialLinkFactory device,
        TokenReaderTimings timings,
        TimeProvider time,
        ILogger logger,
        IAccessTokenSink? doors = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        this.options = options;
        this.device = device;
        this.timings = timings;
        this.time = time;
        this.logger = logger;
        tokens = new TokenSwipes(options, time, doors ?? NoAccessTokenSink.Instance, logger);
    }

    public string ReaderId => options.ReaderId;

    public ReaderState State => state;

    public async Task RunAsync(ChannelWriter<CardSwipe> swipes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(swipes);
        var framing = LineFraming.From(options);
        while (!cancellationToken.IsCancellationRequested)
        {
            if (!device.DeviceExists())
            {
                Report(ReaderState.Absent);
            }
            else if (TryOpen() is { } link)
            {
                await using (link.ConfigureAwait(false))
                {
                    Report(ReaderState.Ok);
                    await ReadLinesAsync(link, new LineFramer(framing), swipes, cancellationToken).ConfigureAwait(false);
                }

                Report(device.DeviceExists() ? ReaderState.Error : ReaderState.Absent);
            }

            await Task.Delay(timings.ReopenInterval, time, cancellationToken).ConfigureAwait(false);
        }
    }

    private ISerialLink? TryOpen()
    {
        try
        {
            return device.Open();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or InvalidOperationException or ArgumentException)
        {
            Report(ReaderState.Error);
            LogOpenFailed(logger, ex, ReaderId, device.Device, timings.ReopenInterval);
            return null;
        }
    }

    /// <summary>Reads until the device goes away. A fresh framer per connection: half a line from before an unplug is noise.</summary>
    private async Task ReadLinesAsync(ISerialLink link, LineFramer framer, ChannelWriter<CardSwipe> swipes, CancellationToken cancellationToken)
    {
        var buffer = new byte[ReadBufferBytes];
        while (true)
        {
            int count;
            try
            {
                count = await link.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is IOException or InvalidOperationException or UnauthorizedAccessException)
            {
                LogLost(logger, ex, ReaderId, device.Device);
                return;
            }

            if (count == 0)
            {
                LogClosed(logger, ReaderId, device.Device);
                return;
            }

            foreach (var line in framer.Feed(buffer.AsSpan(0, count)))
            {
                await tokens.HandleAsync(line, swipes, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private void Report(ReaderState next)
    {
        if (state == next)
        {
            return;
        }

        state = next;
        LogState(logger, ReaderId, device.Device, next);
    }

    [LoggerMessage(EventId = 265, Level = LogLevel.Information, Message = "Line reader {ReaderId} on {Device} is {State}")]
    private static partial void LogState(ILogger logger, string readerId, string device, ReaderState state);

    [LoggerMessage(EventId = 266, Level = LogLevel.Warning, Message = "Line reader {ReaderId} cannot open {Device}; trying again in {Interval}")]
    private static partial void LogOpenFailed(ILogger logger, Exception exception, string readerId, string device, TimeSpan interval);

    [LoggerMessage(EventId = 267, Level = LogLevel.Warning, Message = "Line reader {ReaderId} lost {Device}")]
    private static partial void LogLost(ILogger logger, Exception exception, string readerId, string device);

    [LoggerMessage(EventId = 268, Level = LogLevel.Warning, Message = "Line reader {ReaderId}: {Device} closed")]
    private static partial void LogClosed(ILogger logger, string readerId, string device);
}
