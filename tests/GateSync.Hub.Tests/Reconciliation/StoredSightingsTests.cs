using GateSync.Hub.Reconciliation;
using GateSync.Hub.Storage;
using GateSync.Hub.Tests.Support;
using GateSync.Testing;
using LiteDB;

namespace GateSync.Hub.Tests.Reconciliation;

/// <summary>The rebuild's read of the store, on a real LiteDB file.</summary>
public sealed class StoredSightingsTests
{
    [Fact]
    public void Parallel_readers_read_every_stored_check_in_exactly_once_every_time()
    {
        // Many short windows (a check-in an hour for 400 days: 400 one-day windows) taken by four threads, ten times over:
        // none lost between windows or to another reader, none read twice.
        using var directory = new TempDirectory();
        using var database = TestHubDatabase.Open(directory.Path);
        var first = new DateTimeOffset(2026, 1, 1, 0, 30, 0, TimeSpan.Zero);
        const int Hours = 400 * 24;
        database.CheckInDocuments.InsertBulk(Enumerable.Range(1, Hours).Select(seq => CheckInBson.From(new CheckInDocument
        {
            Id = CheckInDocument.KeyOf("agent-1", seq),
            AgentId = "agent-1",
            SiteId = "site-1",
            Seq = seq,
            OccurredAt = first.AddHours(seq - 1),
            IdNumber = TestPeople.NonLocal(seq),
            Name = "李四",
        })));

        for (var round = 0; round < 10; round++)
        {
            var read = StoredSightings.Read(database, readers: 4).Select(s => s.OccurredAt).ToList();

            Assert.Equal(Hours, read.Count);
            Assert.Equal(Hours, read.Distinct().Count());
        }
    }
}
