using GateSync.Agent.Readers.Sam;

namespace GateSync.Agent.Cli.Probe;

/// <summary>
/// Asks a port whether a SAM reader is behind it (<c>11 FF</c>, SAM status), then waits for one card with the
/// reader's own find, select, read cycle. Reuses the agent's <see cref="SamConnection"/>: what the probe sees is
/// what the service will see.
/// </summary>
public sealed class SamProbe(ISerialLinkFactory links, SamTimings timings, TimeProvider time)
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(200);

    /// <param name="cardWait">How long to wait for a card after the SAM answered; zero to not wait.</param>
    /// <param name="samAnswered">Told as soon as the SAM answered, before the wait for a card begins.</param>
    public async Task<ProbeReport> RunAsync(TimeSpan cardWait, Action<SamStatus>? samAnswered, CancellationToken cancellationToken)
    {
        if (!links.DeviceExists())
        {
            return new ProbeReport(ProbeOutcome.NoDevice);
        }

        ISerialLink link;
        try
        {
            link = links.Open();
        }
        catch (UnauthorizedAccessException e)
        {
            return new ProbeReport(ProbeOutcome.PermissionDenied, Detail: e.Message);
        }
        catch (Exception e) when (e is IOException or InvalidOperationException or ArgumentException)
        {
            return new ProbeReport(ProbeOutcome.CannotOpen, Detail: e.Message);
        }

        await using var connection = new SamConnection(link, time);
        try
        {
            var status = await connection.ExchangeAsync(SamCommand.SamStatus, timings.CommandTimeout, cancellationToken).ConfigureAwait(false);
            switch (status.Kind)
            {
                case SamReplyKind.TimedOut:
                    return new ProbeReport(ProbeOutcome.NoAnswer);
                case SamReplyKind.Garbled:
                    return new ProbeReport(ProbeOutcome.Garbled);
                case SamReplyKind.Answered when status.Status != SamStatus.Success:
                    return new ProbeReport(ProbeOutcome.SamNotReady, status.Status);
            }

            samAnswered?.Invoke(status.Status);
            return cardWait <= TimeSpan.Zero
                ? new ProbeReport(ProbeOutcome.SamAnswered, status.Status)
                : await WaitForCardAsync(connection, cardWait, cancellationToken).ConfigureAwait(false);
        }
        catch (IOException e)
        {
            // A pty or adapter that went away mid-probe.
            return new ProbeReport(ProbeOutcome.CannotOpen, Detail: e.Message);
        }
    }

    private async Task<ProbeReport> WaitForCardAsync(SamConnection connection, TimeSpan wait, CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        string? lastProblem = null;
        while (time.GetElapsedTime(started) < wait)
        {
            var read = await ReadOneCardAsync(connection, cancellationToken).ConfigureAwait(false);
            if (read.Card is not null)
            {
                return new ProbeReport(ProbeOutcome.CardRead, SamStatus.Success, read.Card);
            }

            lastProblem = read.Error ?? lastProblem;
            await Task.Delay(PollInterval, time, cancellationToken).ConfigureAwait(false);
        }

        return new ProbeReport(ProbeOutcome.NoCard, SamStatus.Success, Detail: lastProblem);
    }

    /// <summary>One find, select, read cycle; no card and no error when the reader is empty.</summary>
    private async Task<SamTextResult> ReadOneCardAsync(SamConnection connection, CancellationToken cancellationToken)
    {
        var find = await connection.ExchangeAsync(SamCommand.FindCard, timings.CommandTimeout, cancellationToken).ConfigureAwait(false);
        if (find is { Kind: SamReplyKind.Answered, Status: SamStatus.NoCard })
        {
            return default;
        }

        if (Problem(SamCommand.FindCard, find, SamStatus.FindSuccess) is { } findProblem)
        {
            return SamTextResult.Invalid(findProblem);
        }

        var select = await connection.ExchangeAsync(SamCommand.SelectCard, timings.CommandTimeout, cancellationToken).ConfigureAwait(false);
        if (Problem(SamCommand.SelectCard, select, SamStatus.Success) is { } selectProblem)
        {
            return SamTextResult.Invalid(selectProblem);
        }

        var read = await connection.ExchangeAsync(SamCommand.ReadText, timings.ReadTimeout, cancellationToken).ConfigureAwait(false);
        if (Problem(SamCommand.ReadText, read, SamStatus.Success) is { } readProblem)
        {
            return SamTextResult.Invalid(readProblem);
        }

        return SamReadResponse.Parse(connection.ReplyData);
    }

    private static string? Problem(SamCommand command, SamReply reply, SamStatus expected) => reply switch
    {
        { Kind: SamReplyKind.Answered } when reply.Status == expected => null,
        { Kind: SamReplyKind.Answered } => $"command {command} answered status {(byte)reply.Status:X2} ({reply.Status})",
        _ => $"command {command} got no usable answer ({reply.Kind})",
    };
}
