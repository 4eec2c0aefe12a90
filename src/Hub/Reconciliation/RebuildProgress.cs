namespace GateSync.Hub.Reconciliation;

/// <summary>
/// What a rebuild has read so far, published to <see cref="HubReadiness"/> (for <c>GET /api/health/reconciliation</c>) and to the log,
/// so an operator watching a long rebuild at start sees it move.
/// </summary>
internal sealed partial class RebuildProgress(HubReadiness readiness, TimeProvider time, ILogger logger)
{
    /// <summary>How often the health answer's count moves: often enough to watch, rarely enough to cost nothing.</summary>
    public const int StatusEvery = 10_000;

    /// <summary>A log line per this many check-ins: about ten for a district's two million.</summary>
    public const int LogEvery = 250_000;

    private long _started;
    private long _saving;
    private long _unreadable;
    private double _windowsRead;

    public void Begin() => Begin(restoring: null);

    /// <summary>Starting from the state saved at <paramref name="savedAt"/>: only check-ins stored since are read.</summary>
    public void BeginRestore(DateTimeOffset savedAt) => Begin(savedAt);

    private void Begin(DateTimeOffset? restoring)
    {
        _started = time.GetTimestamp();
        _windowsRead = 0;
        _unreadable = 0;
        readiness.SetReconciliation(readiness.Reconciliation with
        {
            State = RebuildState.Rebuilding,
            CheckInsRead = 0,
            Progress = 0,
            StartedAt = time.GetUtcNow(),
            Error = null,
        });
        if (restoring is { } savedAt)
        {
            Log.Restoring(logger, savedAt);
        }
        else
        {
            Log.Started(logger);
        }
    }

    /// <summary>From the reader threads: the share of the store read (counting stops short of it, by what is queued).</summary>
    public void WindowsRead(double share) => Volatile.Write(ref _windowsRead, share);

    /// <summary>Passes the sightings through, counting them as the engine takes them; stops when cancelled.</summary>
    public IEnumerable<Sighting> Count(IEnumerable<Sighting> sightings, CancellationToken cancellationToken)
    {
        long read = 0;
        foreach (var sighting in sightings)
        {
            yield return sighting;
            if (++read % StatusEvery == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var share = Volatile.Read(ref _windowsRead);
                readiness.SetReconciliation(readiness.Reconciliation with { CheckInsRead = read, Progress = share });
                if (read % LogEvery == 0)
                {
                    Log.Progress(logger, read, share * 100, time.GetElapsedTime(_started).TotalSeconds);
                }
            }
        }

        readiness.SetReconciliation(readiness.Reconciliation with { CheckInsRead = read, Progress = 1 });
    }

    /// <summary>From the reader threads: a stored check-in without a readable sighting key, which the rebuild passes over.</summary>
    public void Unreadable() => Interlocked.Increment(ref _unreadable);

    /// <summary>The engine is rebuilt; what it changed is being stored.</summary>
    public void Saving() => _saving = time.GetTimestamp();

    public void Completed(RebuildSummary summary)
    {
        Ready(summary);
        Log.Rebuilt(
            logger,
            summary.CheckIns,
            summary.Registrations,
            summary.OpenFindings,
            summary.Opened,
            summary.Resolved,
            time.GetElapsedTime(_started).TotalSeconds,
            time.GetElapsedTime(_saving).TotalSeconds);
    }

    public void Restored(RebuildSummary summary, DateTimeOffset savedAt)
    {
        Ready(summary);
        Log.Restored(
            logger,
            savedAt,
            summary.CheckIns,
            summary.Registrations,
            summary.OpenFindings,
            summary.Opened,
            summary.Resolved,
            time.GetElapsedTime(_started).TotalSeconds);
    }

    private void Ready(RebuildSummary summary)
    {
        ArgumentNullException.ThrowIfNull(summary);
        readiness.SetReconciliation(readiness.Reconciliation with
        {
            State = RebuildState.Ready,
            CheckInsRead = summary.CheckIns,
            Progress = 1,
            LastRebuiltAt = time.GetUtcNow(),
        });
        if (Interlocked.Read(ref _unreadable) is > 0 and var unreadable)
        {
            Log.Unreadable(logger, unreadable);
        }
    }

    /// <summary>Stopped half way (the host stops, or the caller gave up): the engine keeps its previous state.</summary>
    public void Cancelled()
    {
        var status = readiness.Reconciliation;
        readiness.SetReconciliation(status with { State = status.IsCurrent ? RebuildState.Ready : RebuildState.Pending });
    }

    /// <summary>The engine keeps its previous state (the new one is swapped in only when whole).</summary>
    public void Failed(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        readiness.SetReconciliation(readiness.Reconciliation with { State = RebuildState.Failed, Error = exception.Message });
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 600, Level = LogLevel.Information, Message = "Reconciliation rebuilt from {CheckIns} check-ins and {Registrations} registrations in {Seconds:0.0} s: {Open} findings open ({Opened} opened, {Resolved} resolved by the rebuild, stored in {SavingSeconds:0.0} s)")]
        public static partial void Rebuilt(ILogger logger, long checkIns, int registrations, int open, int opened, int resolved, double seconds, double savingSeconds);

        [LoggerMessage(EventId = 605, Level = LogLevel.Warning, Message = "Reconciliation rebuild passed over {Count} stored check-ins without a readable sighting key (not written by ingest); they count for no finding")]
        public static partial void Unreadable(ILogger logger, long count);

        [LoggerMessage(EventId = 602, Level = LogLevel.Information, Message = "Reconciliation rebuild started: reading every stored check-in; ingest and the API serve meanwhile, findings wait")]
        public static partial void Started(ILogger logger);

        [LoggerMessage(EventId = 607, Level = LogLevel.Information, Message = "Reconciliation rebuild started from the state saved at {SavedAt}: reading the check-ins stored since; ingest and the API serve meanwhile, findings wait")]
        public static partial void Restoring(ILogger logger, DateTimeOffset savedAt);

        [LoggerMessage(EventId = 608, Level = LogLevel.Information, Message = "Reconciliation rebuilt from the state saved at {SavedAt}, {CheckIns} check-ins stored since and {Registrations} registrations in {Seconds:0.0} s: {Open} findings open ({Opened} opened, {Resolved} resolved by the rebuild)")]
        public static partial void Restored(ILogger logger, DateTimeOffset savedAt, long checkIns, int registrations, int open, int opened, int resolved, double seconds);

        [LoggerMessage(EventId = 603, Level = LogLevel.Information, Message = "Reconciliation rebuild: {Read} check-ins read ({Percent:0}% of the store) in {Seconds:0.0} s")]
        public static partial void Progress(ILogger logger, long read, double percent, double seconds);
    }
}
