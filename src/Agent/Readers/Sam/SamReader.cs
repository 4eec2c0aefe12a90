using System.Threading.Channels;
using GateSync.Contracts.Identity;
using GateSync.Contracts.Wire;

namespace GateSync.Agent.Readers.Sam;

/// <summary>
/// A resident ID card reader whose SAM speaks GA 467-2013 frames over a serial line. Polls
/// find, select, read; writes one <see cref="CardSwipe"/> per card presence; reopens the port
/// when the device disappears or stops answering.
/// </summary>
public sealed class SamReader : ICardReader
{
    private readonly ReaderOptions options;
    private readonly ISerialLinkFactory links;
    private readonly SamTimings timings;
    private readonly TimeProvider time;
    private readonly ILogger<SamReader> logger;
    private readonly CardPresence presence = new();
    private volatile ReaderState state = ReaderState.Absent;

    public SamReader(ReaderOptions options, TimeProvider time, ILogger<SamReader> logger)
        : this(options, new SerialPortLinkFactory(RequirePort(options), options.BaudRate), new SamTimings(), time, logger)
    {
    }

    internal SamReader(ReaderOptions options, ISerialLinkFactory links, SamTimings timings, TimeProvider time, ILogger<SamReader> logger)
    {
        if (options.PollIntervalMilliseconds <= 0)
        {
            throw new ArgumentException($"PollIntervalMilliseconds of reader '{options.ReaderId}' must be positive, not {options.PollIntervalMilliseconds}", nameof(options));
        }

        this.options = options;
        this.links = links;
        this.timings = timings;
        this.time = time;
        this.logger = logger;
    }

    private enum CycleOutcome
    {
        Healthy,
        Fault,
    }

    public string ReaderId => options.ReaderId;

    public ReaderState State => state;

    public async Task RunAsync(ChannelWriter<CardSwipe> swipes, CancellationToken cancellationToken)
    {
        try
        {
            while (true)
            {
                await using (var connection = Open())
                {
                    if (connection is not null)
                    {
                        await PollUntilLostAsync(connection, swipes, cancellationToken).ConfigureAwait(false);
                    }
                }

                await Task.Delay(timings.ReopenInterval, time, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Shutdown.
        }
    }

    private static string RequirePort(ReaderOptions options) =>
        string.IsNullOrWhiteSpace(options.Port)
            ? throw new ArgumentException($"Port of SAM reader '{options.ReaderId}' is required, e.g. /dev/ttyUSB0 or COM3", nameof(options))
            : options.Port;

    private SamConnection? Open()
    {
        if (!links.DeviceExists())
        {
            if (SetState(ReaderState.Absent))
            {
                SamReaderLog.DeviceAbsent(logger, ReaderId, links.Device, timings.ReopenInterval);
            }

            return null;
        }

        try
        {
            var connection = new SamConnection(links.Open(), time);
            SamReaderLog.Opened(logger, ReaderId, links.Device);
            return connection;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidOperationException or ArgumentException)
        {
            // A node that vanished between the check and the open is absent; one that refuses to open is broken.
            SetState(links.DeviceExists() ? ReaderState.Error : ReaderState.Absent);
            SamReaderLog.OpenFailed(logger, ReaderId, links.Device, e);
            return null;
        }
    }

    /// <summary>Polls until the device goes away or keeps failing; the caller reopens it.</summary>
    private async Task PollUntilLostAsync(SamConnection connection, ChannelWriter<CardSwipe> swipes, CancellationToken cancellationToken)
    {
        var faults = 0;
        try
        {
            while (true)
            {
                if (await CycleAsync(connection, swipes, cancellationToken).ConfigureAwait(false) == CycleOutcome.Healthy)
                {
                    faults = 0;
                    SetState(ReaderState.Ok);
                }
                else
                {
                    faults++;
                    if (!links.DeviceExists())
                    {
                        SetState(ReaderState.Absent);
                        return;
                    }

                    if (faults >= timings.FaultsBeforeError)
                    {
                        SetState(ReaderState.Error);
                    }

                    if (faults >= timings.FaultsBeforeReopen)
                    {
                        SamReaderLog.Reopening(logger, ReaderId, faults, links.Device);
                        return;
                    }
                }

                await Task.Delay(TimeSpan.FromMilliseconds(options.PollIntervalMilliseconds), time, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or UnauthorizedAccessException or InvalidOperationException
            && !cancellationToken.IsCancellationRequested)
        {
            // A USB adapter pulled out or a pty closed: the port object is dead even if it says it is open.
            SetState(links.DeviceExists() ? ReaderState.Error : ReaderState.Absent);
            SamReaderLog.LinkLost(logger, ReaderId, links.Device, e);
        }
    }

    private async Task<CycleOutcome> CycleAsync(SamConnection connection, ChannelWriter<CardSwipe> swipes, CancellationToken cancellationToken)
    {
        var find = await connection.ExchangeAsync(SamCommand.FindCard, timings.CommandTimeout, cancellationToken).ConfigureAwait(false);
        if (find is { Kind: SamReplyKind.Answered, Status: SamStatus.NoCard })
        {
            presence.Empty();
            return CycleOutcome.Healthy;
        }

        if (Judge(SamCommand.FindCard, find, SamStatus.FindSuccess) is { } findOutcome)
        {
            return findOutcome;
        }

        var select = await connection.ExchangeAsync(SamCommand.SelectCard, timings.CommandTimeout, cancellationToken).ConfigureAwait(false);
        if (Judge(SamCommand.SelectCard, select, SamStatus.Success) is { } selectOutcome)
        {
            return selectOutcome;
        }

        var read = await connection.ExchangeAsync(SamCommand.ReadText, timings.ReadTimeout, cancellationToken).ConfigureAwait(false);
        if (Judge(SamCommand.ReadText, read, SamStatus.Success) is { } readOutcome)
        {
            return readOutcome;
        }

        var text = SamReadResponse.Parse(connection.ReplyData);
        if (text.Card is not { } card)
        {
            SamReaderLog.CardUnreadable(logger, ReaderId, text.Error ?? "unknown");
            return CycleOutcome.Healthy;
        }

        if (presence.Read(card.IdNumber))
        {
            SamReaderLog.Swiped(logger, ReaderId, card.Type, PersonalDataMask.IdNumber(card.IdNumber));
            await swipes.WriteAsync(new CardSwipe(ReaderId, options.Direction, card, time.GetLocalNow()), cancellationToken).ConfigureAwait(false);
        }

        return CycleOutcome.Healthy;
    }

    /// <summary>Null to go on with the cycle; otherwise how this cycle ends.</summary>
    private CycleOutcome? Judge(SamCommand command, SamReply reply, SamStatus expected)
    {
        if (reply.Kind != SamReplyKind.Answered)
        {
            SamReaderLog.NoAnswer(logger, ReaderId, command, reply.Kind);
            return CycleOutcome.Fault;
        }

        if (reply.Status == expected)
        {
            return null;
        }

        // A card taken away mid-cycle or a card the SAM rejects is not the reader's fault.
        SamReaderLog.StatusAnswer(logger, ReaderId, command, reply.Status);
        return reply.Status.IsSamFault() ? CycleOutcome.Fault : CycleOutcome.Healthy;
    }

    private bool SetState(ReaderState next)
    {
        var previous = state;
        if (previous == next)
        {
            return false;
        }

        state = next;
        SamReaderLog.StateChanged(logger, ReaderId, previous, next);
        return true;
    }
}
