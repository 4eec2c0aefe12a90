using GateSync.Contracts.Wire;
using GateSync.Hub.Storage;

namespace GateSync.Hub.Reconciliation;

/// <summary>
/// The check-ins a saved engine state does not hold, read one by one by <c>agentId:seq</c>: after a clean stop none, after
/// a crash those stored since the last save. One already purged (retention) is simply not there.
/// </summary>
internal static class CheckInsStoredSince
{
    public static List<Sighting> Read(
        HubDatabase database, IReadOnlyList<(string AgentId, SeqRange Seqs)> missing, Action unreadable, CancellationToken cancellationToken)
    {
        // In key order, not seq order ("a:10" sorts before "a:9"): neighbouring lookups then share index pages.
        var keys = missing
            .SelectMany(m => Seqs(m.Seqs).Select(seq => CheckInDocument.KeyOf(m.AgentId, seq)))
            .Order(StringComparer.Ordinal)
            .ToList();
        var sightings = new List<Sighting>(keys.Count);
        foreach (var key in keys)
        {
            if (sightings.Count % 4096 == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            if (database.CheckInDocuments.FindById(key) is not { } document)
            {
                continue;
            }

            if (StoredSightings.ToSighting(document) is { } sighting)
            {
                sightings.Add(sighting);
            }
            else
            {
                unreadable();
            }
        }

        return sightings;
    }

    private static IEnumerable<long> Seqs(SeqRange range)
    {
        for (var seq = range.From; seq <= range.To; seq++)
        {
            yield return seq;
        }
    }
}
