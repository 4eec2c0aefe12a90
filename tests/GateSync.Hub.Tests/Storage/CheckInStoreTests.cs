using System.Text.Json;
using GateSync.Contracts.Wire;
using GateSync.Hub.Storage;
using GateSync.Hub.Tests.Support;
using GateSync.Testing;
using Microsoft.Extensions.Logging.Abstractions;

namespace GateSync.Hub.Tests.Storage;

/// <summary>The store on a real LiteDB file.</summary>
public sealed class CheckInStoreTests : IDisposable
{
    private static readonly DateTimeOffset ReceivedAt = new(2026, 11, 24, 0, 0, 0, TimeSpan.Zero);

    private readonly TempDirectory _directory = new();
    private readonly HubDatabase _database;
    private readonly CheckInStore _store;

    public CheckInStoreTests()
    {
        _database = TestHubDatabase.Open(_directory.Path);
        _store = new CheckInStore(_database, NullLogger<CheckInStore>.Instance);
    }

    [Fact]
    public void A_check_in_arriving_again_is_counted_as_a_duplicate_and_stored_once()
    {
        _store.Commit(Batch(1, 2));

        var outcome = _store.Commit(Batch(2, 3));

        Assert.Equal(new IngestBatchOutcome(Stored: 1, Duplicates: 1, Rejected: 0, StatusesApplied: 0), outcome);
        Assert.Equal(3, _database.CheckIns.LongCount());
        Assert.Equal(1, _database.Agents.FindById(Example.AgentId)!.DuplicateCount);
    }

    [Fact]
    public void A_stored_check_in_the_ledger_lacks_is_a_duplicate_and_ingest_goes_on()
    {
        // A check-in stored without its seq in the agent's ranges (what LiteDB's mapper race once caused):
        // inserting it again would hit the unique _id and, retried, stop ingest for every agent.
        _database.CheckIns.Insert(CheckInDocument.From(Example with { Seq = 1 }, ReceivedAt));

        var outcome = _store.Commit(Batch(1, 2));

        Assert.Equal(1, outcome.Stored);
        Assert.Equal(1, outcome.Duplicates);
        Assert.Equal(2, _database.CheckIns.LongCount());
        var agent = _database.Agents.FindById(Example.AgentId)!;
        Assert.Equal([(1L, 2L)], agent.Received.Select(r => (r.From, r.To)));
        Assert.Equal(2, agent.StoredCount);
    }

    public void Dispose()
    {
        _database.Dispose();
        _directory.Dispose();
    }

    private static CheckIn Example { get; } = JsonSerializer.Deserialize(ContractExample.Json(), ContractJson.Context.CheckIn)!;

    private static IngestBatch Batch(params long[] seqs) =>
        new([.. seqs.Select(seq => Example with { Seq = seq })], [], [], ReceivedAt);
}
