using GateSync.Agent.Outbox;
using MQTTnet;
using MQTTnet.Exceptions;

namespace GateSync.Agent.Publishing;

/// <summary>
/// Publishes everything pending in the outbox over one connection, oldest first, as a pipeline: up to the broker's
/// receive maximum publishes in flight, the next batch read and the acknowledged check-ins marked sent on the thread
/// pool meanwhile. Stops early at a refused check-in so none is ever skipped.
/// </summary>
/// <remarks>
/// Reading and marking are LiteDB work of tens of microseconds per check-in; done between publishes, the connection
/// idled through them and a backlog drained at a quarter of what one MQTT connection carries.
/// </remarks>
internal sealed class OutboxDrain(CheckInOutbox outbox, DrainPace pace, string topic, ILogger logger)
{
    /// <summary>Check-ins read from the outbox at a time, and marked sent at a time.</summary>
    public const int BatchSize = 500;

    /// <summary>Publishes awaiting their PUBACK at once, at most; the broker's receive maximum may lower it.</summary>
    public const int MaxInFlight = 100;

    /// <summary>
    /// Runs until nothing is pending; <c>false</c> when the broker refused a check-in. Throws when the connection breaks,
    /// after marking what the broker acknowledged in order.
    /// </summary>
    /// <param name="betweenBatches">Called after each batch is handed to the client, e.g. so a long drain still reports its status.</param>
    public async Task<bool> RunAsync(BrokerConnection connection, Func<Task> betweenBatches, CancellationToken stoppingToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(betweenBatches);

        // One connection keeps QoS 1 order; waiting for each acknowledgement in turn would cap a drain at one round trip per check-in.
        // One below the broker's receive maximum: a status report may go out between batches while the window is full.
        var window = Math.Clamp(connection.ReceiveMaximum - 1, 1, MaxInFlight);
        var inFlight = new Queue<InFlight>(window);
        var marks = new SentMarks(outbox, logger);
        Task<Batch>? next = null;
        try
        {
            var batch = Read(afterSeq: 0);
            while (batch.Entries.Count > 0)
            {
                // Read on while this batch goes out; its own check-ins are past the cursor, marked or not.
                next = Task.Run(() => Read(batch.Entries[^1].Seq), stoppingToken);
                foreach (var entry in batch.Entries)
                {
                    if (inFlight.Count == window && !await CompleteOldestAsync(inFlight, marks).ConfigureAwait(false))
                    {
                        return false;
                    }

                    await pace.WaitTurnAsync(stoppingToken).ConfigureAwait(false);
                    inFlight.Enqueue(new InFlight(entry, batch.Epoch, connection.PublishAsync(topic, entry.Payload, retain: false, stoppingToken)));
                }

                batch = await next.ConfigureAwait(false);
                next = null;
                await betweenBatches().ConfigureAwait(false);
            }

            while (inFlight.Count > 0)
            {
                if (!await CompleteOldestAsync(inFlight, marks).ConfigureAwait(false))
                {
                    return false;
                }
            }

            return true;
        }
        finally
        {
            // Whatever the broker acknowledged in order is marked, even when the connection broke halfway; anything
            // after a gap is published again, and the hub stores a repeated (agentId, seq) once. The next drain starts
            // from the outbox, so it must see every mark.
            marks.Flush();
            await marks.CompletedAsync().ConfigureAwait(false);
            await ObserveAsync(inFlight, next).ConfigureAwait(false);
        }
    }

    private Batch Read(long afterSeq)
    {
        // The epoch first: a requeue between it and the read makes the marks more careful, never less.
        var epoch = outbox.RequeueEpoch;
        return new Batch(epoch, outbox.Pending(afterSeq, BatchSize));
    }

    private async Task<bool> CompleteOldestAsync(Queue<InFlight> inFlight, SentMarks marks)
    {
        var oldest = inFlight.Dequeue();
        var result = await oldest.Result.ConfigureAwait(false);
        if (!BrokerConnection.Accepted(result))
        {
            PublisherLog.PublishRefused(logger, oldest.Entry.Seq, result.ReasonCode.ToString(), result.ReasonString);
            return false;
        }

        await marks.AddAsync(oldest.Entry, oldest.Epoch).ConfigureAwait(false);
        return true;
    }

    /// <summary>Lets every publish and the read ahead finish, so none fails unobserved after the drain has moved on.</summary>
    private static async Task ObserveAsync(Queue<InFlight> inFlight, Task<Batch>? readAhead)
    {
        foreach (var (_, _, published) in inFlight)
        {
            try
            {
                await published.ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is MqttCommunicationException or OperationCanceledException or ObjectDisposedException)
            {
                // Already accounted for: what was not acknowledged in order stays unsent and goes out again.
            }
        }

        if (readAhead is not null)
        {
            try
            {
                await readAhead.ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                // Not needed any more; a read that fails fails again at the next drain, which reports it.
            }
        }
    }

    private readonly record struct InFlight(OutboxEntry Entry, long Epoch, Task<MqttClientPublishResult> Result);

    private readonly record struct Batch(long Epoch, IReadOnlyList<OutboxEntry> Entries);

    /// <summary>
    /// Collects acknowledged check-ins and marks them sent a batch at a time on the thread pool, one marking at a time, so
    /// the publishes never wait for the outbox's transaction.
    /// </summary>
    private sealed class SentMarks(CheckInOutbox outbox, ILogger logger)
    {
        private List<OutboxEntry> _entries = new(BatchSize);
        private long _epoch;
        private Task _marking = Task.CompletedTask;

        public async ValueTask AddAsync(OutboxEntry entry, long epoch)
        {
            // One epoch per marking: the outbox checks it against the requeues made after the batch was read.
            if ((_entries.Count > 0 && epoch != _epoch) || _entries.Count == BatchSize)
            {
                await _marking.ConfigureAwait(false);
                Flush();
            }

            if (_entries.Count == 0)
            {
                _epoch = epoch;
            }

            _entries.Add(entry);
        }

        /// <summary>Starts marking what was collected, once the marking before it has finished.</summary>
        public void Flush()
        {
            if (_entries.Count == 0)
            {
                return;
            }

            var (entries, epoch, previous) = (_entries, _epoch, _marking);
            _entries = new List<OutboxEntry>(BatchSize);
            _marking = Task.Run(async () =>
            {
                await previous.ConfigureAwait(false);
                outbox.MarkSent(entries, epoch);
                PublisherLog.Published(logger, entries.Count, entries[^1].Seq);
            });
        }

        public Task CompletedAsync() => _marking;
    }
}
