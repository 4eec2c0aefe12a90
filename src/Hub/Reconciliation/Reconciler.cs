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
public sealed partial class Reconciler(
    ReconciliationEngine engine,
    FindingStore findings,
    SiteReportStore siteReports,
    RegistrationRoll roll,
    HubDatabase database,
    ILogger<Reconciler> logger) : IRegistrationsChangedObserver, IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);

    /// <summary>Raised after every change that may move <see cref="ReconciliationEngine.NextDueAt"/>, for the timer.</summary>
    public event Action? Changed;

    /// <summary>Forgets the engine's state and rebuilds it from everything stored (at start, and after a large import).</summary>
    public async Task<RebuildSummary> RebuildAsync(CancellationToken cancellationToken)
    {
        RebuildSummary summary;
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var sightings = 0L;
            var registrations = 0;
            var open = findings.Open();
            var changes = engine.Rebuild(
                StoredSightings.Read(database).Select(s =>
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
            findings.Save(changes);

            summary = new RebuildSummary(
                sightings, registrations, engine.OpenFindings().Count,
                changes.Count(f => f.IsOpen), changes.Count(f => !f.IsOpen));
            Log.Rebuilt(logger, summary.CheckIns, summary.Registrations, summary.OpenFindings, summary.Opened, summary.Resolved);
        }
        finally
        {
            _gate.Release();
        }

        Changed?.Invoke();
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
        [LoggerMessage(EventId = 600, Level = LogLevel.Information, Message = "Reconciliation rebuilt from {CheckIns} check-ins and {Registrations} registrations: {Open} findings open ({Opened} opened, {Resolved} resolved by the rebuild)")]
        public static partial void Rebuilt(ILogger logger, long checkIns, int registrations, int open, int opened, int resolved);

        // No person data here: the finding ID leads to the person for whoever may see them.
        [LoggerMessage(EventId = 601, Level = LogLevel.Information, Message = "Finding {Type} is {Status} at site {SiteId} ({FindingId})")]
        public static partial void FindingChanged(ILogger logger, FindingType type, FindingStatus status, string siteId, string findingId);
    }
}

/// <summary>What a rebuild read and concluded: <c>POST /api/reconciliation/rebuild</c>.</summary>
public sealed record RebuildSummary(long CheckIns, int Registrations, int OpenFindings, int Opened, int Resolved);
