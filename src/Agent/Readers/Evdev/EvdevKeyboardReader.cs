using System.Threading.Channels;
using GateSync.Agent.Readers.Line;
using GateSync.Contracts.Wire;

namespace GateSync.Agent.Readers.Evdev;

/// <summary>
/// A USB card reader or QR scanner that types like a keyboard, read from its evdev device (Linux only) and grabbed so
/// its digits do not reach a console. Unplugged, it reports <see cref="ReaderState.Absent"/> and is opened again when
/// it returns.
/// </summary>
public sealed partial class EvdevKeyboardReader : ICardReader
{
    /// <summary>How long the reading thread waits for input before it looks at cancellation again.</summary>
    private static readonly TimeSpan PollTimeout = TimeSpan.FromMilliseconds(250);

    private readonly ReaderOptions options;
    private readonly string path;
    private readonly TokenReaderTimings timings;
    private readonly TimeProvider time;
    private readonly ILogger logger;
    private readonly TokenSwipes tokens;
    private volatile ReaderState state = ReaderState.Absent;

    public EvdevKeyboardReader(ReaderOptions options, TimeProvider time, ILogger<EvdevKeyboardReader> logger, IAccessTokenSink? doors = null)
        : this(options, new TokenReaderTimings(), time, logger, doors)
    {
    }

    internal EvdevKeyboardReader(ReaderOptions options, TokenReaderTimings timings, TimeProvider time, ILogger logger, IAccessTokenSink? doors = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        this.options = options;
        path = options.DevicePath ?? string.Empty;
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
        while (!cancellationToken.IsCancellationRequested)
        {
            if (!File.Exists(path))
            {
                Report(ReaderState.Absent);
            }
            else if (TryOpen() is { } device)
            {
                using (device)
                {
                    Grab(device);
                    Report(ReaderState.Ok);
                    await ReadTokensAsync(device, swipes, cancellationToken).ConfigureAwait(false);
                }

                Report(File.Exists(path) ? ReaderState.Error : ReaderState.Absent);
            }

            await Task.Delay(timings.ReopenInterval, time, cancellationToken).ConfigureAwait(false);
        }
    }

    private EvdevDevice? TryOpen()
    {
        try
        {
            return EvdevDevice.Open(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            Report(ReaderState.Error);
            LogOpenFailed(logger, ex, ReaderId, path, timings.ReopenInterval);
            return null;
        }
    }

    private void Grab(EvdevDevice device)
    {
        if (options.GrabDevice && device.Grab() is { } errno)
        {
            // Not fatal: the reader still works, its digits may also reach a console.
            LogGrabFailed(logger, ReaderId, path, errno);
        }
    }

    /// <summary>
    /// A dedicated thread waits on the device and decodes; this side turns tokens into swipes. Returns when the device
    /// is gone or at the end of a file; the thread has stopped before the device is closed.
    /// </summary>
    private async Task ReadTokensAsync(EvdevDevice device, ChannelWriter<CardSwipe> swipes, CancellationToken cancellationToken)
    {
        var lines = Channel.CreateUnbounded<ReaderLine>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
        using var session = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var pump = Task.Factory.StartNew(
            () => Pump(device, lines.Writer, session.Token),
            session.Token,
            TaskCreationOptions.LongRunning,
            TaskScheduler.Default);
        try
        {
            await foreach (var line in lines.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                await tokens.HandleAsync(line, swipes, cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            await session.CancelAsync().ConfigureAwait(false);
            await pump.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    private void Pump(EvdevDevice device, ChannelWriter<ReaderLine> lines, CancellationToken cancellationToken)
    {
        var decoder = new KeyEventDecoder(options.MaxLineLength);
        var buffer = new byte[KeyEventDecoder.NativeEventSize * 64];
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                var count = device.Read(buffer, PollTimeout);
                if (count == 0)
                {
                    LogEnded(logger, ReaderId, path);
                    return;
                }

                if (count > 0)
                {
                    foreach (var line in decoder.Feed(buffer.AsSpan(0, count)))
                    {
                        lines.TryWrite(line);
                    }
                }
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ObjectDisposedException)
        {
            LogLost(logger, ex, ReaderId, path);
        }
        finally
        {
            lines.TryComplete();
        }
    }

    private void Report(ReaderState next)
    {
        if (state == next)
        {
            return;
        }

        state = next;
        LogState(logger, ReaderId, path, next);
    }

    [LoggerMessage(EventId = 270, Level = LogLevel.Information, Message = "Keyboard reader {ReaderId} on {Device} is {State}")]
    private static partial void LogState(ILogger logger, string readerId, string device, ReaderState state);

    [LoggerMessage(EventId = 271, Level = LogLevel.Warning, Message = "Keyboard reader {ReaderId} cannot open {Device} (is the agent's user in the 'input' group?); trying again in {Interval}")]
    private static partial void LogOpenFailed(ILogger logger, Exception exception, string readerId, string device, TimeSpan interval);

    [LoggerMessage(EventId = 272, Level = LogLevel.Warning, Message = "Keyboard reader {ReaderId}: could not grab {Device} (errno {Errno}); reading anyway, its typing may also reach a console")]
    private static partial void LogGrabFailed(ILogger logger, string readerId, string device, int errno);

    [LoggerMessage(EventId = 273, Level = LogLevel.Warning, Message = "Keyboard reader {ReaderId} lost {Device}")]
    private static partial void LogLost(ILogger logger, Exception exception, string readerId, string device);

    [LoggerMessage(EventId = 274, Level = LogLevel.Information, Message = "Keyboard reader {ReaderId}: {Device} has no more input")]
    private static partial void LogEnded(ILogger logger, string readerId, string device);
}
