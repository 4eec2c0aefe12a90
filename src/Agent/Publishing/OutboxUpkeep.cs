using GateSync.Agent.Outbox;

namespace GateSync.Agent.Publishing;

/// <summary>
/// The publisher's periodic care of the outbox: check-ins the hub has not acked in time are queued again, and acked
/// ones past <c>Agent:Outbox:RetentionHours</c> deleted. Runs while connected; the outbox keeps everything meanwhile.
/// </summary>
internal sealed class OutboxUpkeep(CheckInOutbox outbox, TimeSpan ackTimeout, TimeSpan retention, TimeProvider time, ILogger logger)
{
    private static readonly TimeSpan MaxInterval = TimeSpan.FromSeconds(30);

    public TimeSpan Interval { get; } = TimeSpan.FromTicks(Math.Clamp(ackTimeout.Ticks / 2, TimeSpan.TicksPerSecond, MaxInterval.Ticks));

    public DateTimeOffset NextAt { get; private set; } = time.GetUtcNow() + ackTimeout;

    /// <summary>Does the upkeep when it is due; <c>true</c> when check-ins were queued again.</summary>
    public bool RunIfDue()
    {
        var now = time.GetUtcNow();
        if (now < NextAt)
        {
            return false;
        }

        NextAt = now + Interval;
        var purged = outbox.PurgeAcked(now - retention);
        if (purged > 0)
        {
            PublisherLog.Purged(logger, purged, outbox.AckedUpTo);
        }

        var requeued = outbox.RequeueUnacked(ackTimeout);
        if (requeued > 0)
        {
            PublisherLog.ResendingUnacked(logger, requeued, outbox.AckedUpTo, ackTimeout);
        }

        return requeued > 0;
    }
}
