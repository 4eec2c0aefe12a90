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
    TimeProvider time,
    ILogger<Reconciler> logger) : IRegistrationsChangedObserver, IDisposable
{
    /// <summary>Threads reading the store in a rebuild; the engine takes what they read on one more.</summary>
    private static readonly int Readers = Math.Clamp(Environment.ProcessorCount, 1, 4);

    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly TaskCompletionSource _rebuilt = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly RebuildProgress _progress = new(readiness, time, logger);

    /// <summary>Raised after every change that may move <see cref="ReconciliationEngine.NextDueAt"/>, for the timer.</summary>
    public event Action? Changed;

    /// <summary>Completes when the engine has first been rebuilt from the store.</summary>
    public Task Rebuilt => _rebuilt.Task;

    /// <summary>
    /// Rebuilds the engine's state from everything stored (at start, and after a large import), on a thread of its own.
    /// The engine keeps serving its previous state until the new one is whole.
    /// </summary>
    public async Task<RebuildSummary> RebuildAsync(CancellationToken cancellationToken)
    {
        RebuildSummary summary;
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            // Seconds of synchronous reading (LiteDB binds a query to its thread): not a request's thread or the pool's.
            summary = await Task.Factory.StartNew(
                () => Rebuild(cancellationToken), cancellationToken, TaskCreationOptions.LongRunning, TaskScheduler.Default).ConfigureAwait(false);
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

        var summary = new RebuildSummary(
            sightings, registrations, engine.OpenFindings().Count, changes.Count(f => f.IsOpen), changes.Count(f => !f.IsOpen));
        _progress.Completed(summary);
        return summary;
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
        [LoggerMessage(EventId = 601, Level = LogLevel.Information, Message = "Finding {Type} is {Status} at site {SiteId} ({FindingId})")]
        public static partial void FindingChanged(ILogger logger, FindingType type, FindingStatus status, string siteId, string findingId);
    }
}

/// <summary>What a rebuild read and concluded: <c>POST /api/reconciliation/rebuild</c>.</summary>
public sealed record RebuildSummary(long CheckIns, int Registrations, int OpenFindings, int Opened, int Resolved);
