using System.Threading.Channels;
using GateSync.Agent.Doors;
using GateSync.Agent.Readers;
using GateSync.Contracts.Identity;
using GateSync.Contracts.Wire;

namespace GateSync.Agent.Outbox;

/// <summary>The pipeline's middle stage: takes swipes from the reader channel, records each in the outbox, wakes the publisher.</summary>
public sealed class SwipeRecorder(
    ChannelReader<CardSwipe> swipes,
    DoorAccess doors,
    CheckInOutbox outbox,
    OutboxSignal signal,
    TimeProvider time,
    ILogger<SwipeRecorder> logger) : BackgroundService
{
    private static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var swipe in swipes.ReadAllAsync(stoppingToken).ConfigureAwait(false))
            {
                await RecordAsync(swipe, stoppingToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Readers stop before the recorder (see AddAgentOutbox): whatever they already handed over is still recorded.
            while (swipes.TryRead(out var swipe))
            {
                await RecordAsync(swipe, CancellationToken.None).ConfigureAwait(false);
            }
        }
    }

    private async Task RecordAsync(CardSwipe swipe, CancellationToken stoppingToken)
    {
        // The door is decided and opened before the disk write: the person at the door never waits for storage.
        var access = doors.Admit(swipe) ?? AccessDecision.Recorded;
        while (true)
        {
            try
            {
                var checkIn = outbox.Append(swipe, access);
                OutboxLog.Recorded(logger, checkIn.Seq, swipe.ReaderId, PersonalDataMask.IdNumber(swipe.Card.IdNumber));
                signal.Notify();
                return;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // A swipe is never dropped: a full disk or a locked file gets retried until it clears or the agent stops.
                OutboxLog.AppendFailed(logger, ex, swipe.ReaderId);
                await Task.Delay(RetryDelay, time, stoppingToken).ConfigureAwait(false);
            }
        }
    }
}
