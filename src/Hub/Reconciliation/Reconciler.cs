using GateSync.Contracts.Wire;
using GateSync.Hub.Findings;
using GateSync.Hub.Registrations;
using GateSync.Hub.Storage;

namespace GateSync.Hub.Reconciliation;

/// <summary>
/// The one writer of findings: feeds the <see cref="ReconciliationEngine"/> with stored check-ins, registration
/// changes, site reports and the clock, and stores every finding it opens or resolves before the next change
/// is applied (so a finding's stored states never arrive out of order). A crash between a check-in's commit
/// and its findings' is repaired by the rebuild at start, which judges everything stored.
/// </summary>
/// <remarks>
/// Until the first rebuild has completed, every other change waits for it (<see cref="ApplyAsync"/>): a change
/// applied before it would be lost when the rebuilt state is swapped in. Nothing is lost by waiting: a check-in
/// committed while the rebuild reads is either in what it reads or queued in the <see cref="ReconciliationFeed"/>
/// (every committed batch is), and one that is in both is applied twice, which changes nothing (the engine keeps
/// days seen, not counts).
/// </remarks>
public sealed partial class Reconciler(
    ReconciliationEngine engine,
    FindingStore findings,
    SiteReportStore siteReports,
    RegistrationRoll roll,
    HubDatabase database,
    HubReadiness readiness,
    SavedEngineState savedState,
    TimeProvider time,
    ILogger<Reconciler> logger) : IRegistrationsChangedObserver, IDisposable
{
    /// <summary>
    /// Beyond this many check-ins stored since the saved state, a start reads the whole store instead: each is looked up
    /// alone (about 10,000 a second on the bench machine), while the whole store is read by its index in about 10 s.
    /// </summary>
    public const int MaxStoredSinceSaved = 50_000;

    /// <summary>Threads reading the store in a rebuild; the engine takes what they read on one more.</summary>
    private static readonly int Readers = Math.Clamp(Environment.ProcessorCount, 1, 4);

    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly TaskCompletionSource _rebuilt = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly RebuildProgress _progress = new(readiness, time, logger);

    // Under the gate: which stored check-ins the engine holds, and how many changes it has taken (0 before the first rebuild).
    private AppliedCheckIns _applied = new();
    private long _changes;
    private long _savedChanges;

    /// <summary>Raised after every change that may move <see cref="ReconciliationEngine.NextDueAt"/>, for the timer.</summary>
    public event Action? Changed;

    /// <summary>Completes when the engine has first been rebuilt from the store.</summary>
    public Task Rebuilt => _rebuilt.Task;

    /// <summary>
    /// Rebuilds the engine's state from everything stored (at start, and after a large import), on a thread of its own.
    /// The engine keeps serving its previous state until the new one is whole.
    /// </summary>
    public Task<RebuildSummary> RebuildAsync(CancellationToken cancellationToken) => RunAsync(Rebuild, cancellationToken);

    /// <summary>
    /// The rebuild at start: from the state saved last (<see cref="SaveStateAsync"/>) and the check-ins stored since, or,
    /// when there is no usable one, from everything stored (<see cref="RebuildAsync"/>).
    /// </summary>
    public Task<RebuildSummary> RebuildAtStartAsync(CancellationToken cancellationToken) =>
        RunAsync(ct => Restore(ct) ?? Rebuild(ct), cancellationToken);

    /// <summary>
    /// Saves the engine's state, so the next start need not read every stored check-in; <c>false</c> when there was
    /// nothing new to save (or no state yet: the first rebuild has not completed).
    /// </summary>
    public async Task<bool> SaveStateAsync(CancellationToken cancellationToken)
    {
        if (!_rebuilt.Task.IsCompletedSuccessfully)
        {
            return false;
        }

        SavedEngineState.Captured captured;
        long changes;
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            // Written under the gate, so the state and what it covers agree; stored after, so the engine is held only for the writing.
            changes = _changes;
            if (changes == Volatile.Read(ref _savedChanges))
            {
                return false;
            }

            captured = savedState.Capture(engine, _applied);
        }
        finally
        {
            _gate.Release();
        }

        using (captured.State)
        {
            await Task.Run(() => savedState.Save(captured), cancellationToken).ConfigureAwait(false);
        }

        Volatile.Write(ref _savedChanges, changes);
        return true;
    }

    private async Task<RebuildSummary> RunAsync(Func<CancellationToken, RebuildSummary> rebuild, CancellationToken cancellationToken)
    {
        RebuildSummary summary;
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            // Seconds of synchronous reading (LiteDB binds a query to its thread): not a request's thread or the pool's.
            summary = await Task.Factory.StartNew(
                () => rebuild(cancellationToken), cancellationToken, TaskCreationOptions.LongRunning, TaskScheduler.Default).ConfigureAwait(false);
            _changes++;
            _rebuilt.TrySetResult();
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            _progress.Cancelled();
            throw;
        }
        catch (Exception ex)
        {
            _progress.Failed(ex);
            throw;
        }
        finally
        {
            _gate.Release();
        }

        Changed?.Invoke();
        return summary;
    }

    private RebuildSummary Rebuild(CancellationToken cancellationToken)
    {
        _progress.Begin();
        var sightings = 0L;
        var registrations = 0;

        // Read before the check-ins: everything it says is stored is in what is read after.
        var applied = AppliedCheckIns.StoredIn(database);
        var open = findings.Open();
        var changes = engine.Rebuild(
            _progress.Count(StoredSightings.Read(database, Readers, _progress.WindowsRead, _progress.Unreadable, cancellationToken), cancellationToken).Select(s =>
            {
                sightings++;
                return s;
            }),
            roll.Registrations().Select(r =>
            {
                registrations++;
                return r;
            }),
            siteReports.All(),
            open);
        _progress.Saving();
        findings.Save(changes);

        _applied = applied;

        var summary = new RebuildSummary(
            sightings, registrations, engine.OpenFindings().Count, changes.Count(f => f.IsOpen), changes.Count(f => !f.IsOpen));
        _progress.Completed(summary);
        return summary;
    }

    /// <summary>From the saved state and the check-ins stored since; <c>null</c> (logged) when that cannot be done.</summary>
    private RebuildSummary? Restore(CancellationToken cancellationToken)
    {
        using var saved = savedState.Open();
        if (saved is null)
        {
            return null;
        }

        var stored = AppliedCheckIns.StoredIn(database);
        if (saved.Header.Applied.Missing(stored, MaxStoredSinceSaved) is not { } missing)
        {
            Log.TooMuchSinceSaved(logger, saved.Header.SavedAt, MaxStoredSinceSaved);
            return null;
        }

        _progress.BeginRestore(saved.Header.SavedAt);
        try
        {
            // The check-ins stored since and the roll are read on threads of their own while the engine decodes the saved
            // state, which it takes first (a second of work each for a district's store).
            var since = Task.Factory.StartNew(
                () => CheckInsStoredSince.Read(database, missing, _progress.Unreadable, cancellationToken),
                cancellationToken,
                TaskCreationOptions.LongRunning,
                TaskScheduler.Default);
            var registrations = Task.Factory.StartNew(
                () => roll.Registrations().ToList(), cancellationToken, TaskCreationOptions.LongRunning, TaskScheduler.Default);
            var changes = engine.Rebuild(WhenRead(since), WhenRead(registrations), siteReports.All(), findings.Open(), saved.Persons);
            _progress.Saving();
            findings.Save(changes);
            _applied = stored;

            var summary = new RebuildSummary(
                since.Result.Count, registrations.Result.Count, engine.OpenFindings().Count, changes.Count(f => f.IsOpen), changes.Count(f => !f.IsOpen));
            _progress.Restored(summary, saved.Header.SavedAt);
            return summary;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Damage the header did not show (the engine keeps its state: a rebuild swaps in only a whole one).
            savedState.ReportDamaged(ex);
            return null;
        }
    }

    private static IEnumerable<T> WhenRead<T>(Task<List<T>> reading)
    {
        foreach (var item in reading.GetAwaiter().GetResult())
        {
            yield return item;
        }
    }

    /// <summary>A committed ingest batch: its check-ins as sightings, and its no-backlog statuses as site reports.</summary>
    public Task RecordCommittedAsync(IngestBatch batch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var sightings = batch.CheckIns.Select(c => new Sighting(c.Card.IdNumber, c.Card.Name, c.SiteId, c.OccurredAt)).ToList();

        // A status with nothing left to send says the site's agent has delivered every check-in up to its time.
        var reports = batch.Statuses
            .Where(s => s.State == AgentState.Online && s.Backlog == 0)
            .Select(s => (s.SiteId, s.At))
            .ToList();

        return ApplyAsync(
            () =>
            {
                siteReports.Record(reports);
                var changes = new List<Finding>(engine.RecordSightings(sightings));
                foreach (var (siteId, at) in reports)
                {
                    changes.AddRange(engine.RecordSiteReport(siteId, at));
                }

                foreach (var checkIn in batch.CheckIns)
                {
                    _applied.Add(checkIn.AgentId, checkIn.Seq);
                }

                return changes;
            },
            cancellationToken);
    }

    public Task RegistrationsChangedAsync(IReadOnlyList<Registration> registrations, CancellationToken cancellationToken) =>
        ApplyAsync(() => engine.RecordRegistrations(registrations), cancellationToken);

    /// <summary>The timer path: findings that became due by the passage of time alone.</summary>
    public Task EvaluateAsync(CancellationToken cancellationToken) => ApplyAsync(engine.Evaluate, cancellationToken);

    public void Dispose() => _gate.Dispose();

    private async Task ApplyAsync(Func<IReadOnlyList<Finding>> change, CancellationToken cancellationToken)
    {
        await _rebuilt.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var changes = change();
            _changes++;
            findings.Save(changes);
            foreach (var finding in changes)
            {
                Log.FindingChanged(logger, finding.Type, finding.Status, finding.SiteId, finding.Id);
            }
        }
        finally
        {
            _gate.Release();
        }

        Changed?.Invoke();
    }

    private static partial class Log
    {
        // No person data here: the finding ID leads to the person for whoever may see them.
        [LoggerMessage(EventId = 606, Level = LogLevel.Information, Message = "More than {Limit} check-ins were stored since the reconciliation state saved at {SavedAt}: reading every stored check-in instead")]
        public static partial void TooMuchSinceSaved(ILogger logger, DateTimeOffset savedAt, int limit);

        [LoggerMessage(EventId = 601, Level = LogLevel.Information, Message = "Finding {Type} is {Status} at site {SiteId} ({FindingId})")]
        public static partial void FindingChanged(ILogger logger, FindingType type, FindingStatus status, string siteId, string findingId);
    }
}

/// <summary>What a rebuild read and concluded: <c>POST /api/reconciliation/rebuild</c>.</summary>
public sealed record RebuildSummary(long CheckIns, int Registrations, int OpenFindings, int Opened, int Resolved);
