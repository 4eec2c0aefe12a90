using GateSync.Hub.Reconciliation;
using GateSync.Hub.Storage;
using GateSync.Hub.Tests.Reconciliation;
using GateSync.Testing;
using LiteDB;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace GateSync.Hub.Tests.Storage;

/// <summary>Opening hub.db files, new and from earlier versions.</summary>
public sealed class HubDatabaseTests
{
    [Fact]
    public void A_file_made_with_a_culture_collation_is_rebuilt_to_ordinal_keys_with_its_data()
    {
        using var directory = new TempDirectory();
        var path = Path.Combine(directory.Path, HubDatabase.FileName);
        using (var old = new LiteDatabase(new ConnectionString { Filename = path, Collation = new Collation("en-US/IgnoreCase") }))
        {
            old.GetCollection(HubDatabase.AgentsCollection).Insert(new BsonDocument { ["_id"] = "fr-0042-a", ["SiteId"] = "fr-0042" });
            old.GetCollection(HubDatabase.CheckInsCollection).EnsureIndex("IdNumber", "$.IdNumber");
        }

        using var database = Open(directory.Path);

        Assert.Equal(Collation.Binary.ToString(), database.Database.Pragma("COLLATION").AsString);
        Assert.Equal("fr-0042", database.Agents.FindById("fr-0042-a")!.SiteId);
        Assert.DoesNotContain(database.Database.GetCollection("$indexes").Find("collection = 'checkins'"), index => index["name"] == "IdNumber");
    }

    [Fact]
    public void Keys_compare_as_ordinal_text()
    {
        using var directory = new TempDirectory();
        using var database = Open(directory.Path);

        database.Agents.Insert(new AgentDocument { Id = "fr-0042-a", SiteId = "fr-0042" });

        Assert.Null(database.Agents.FindById("FR-0042-A"));
    }

    [Fact]
    public void Check_ins_stored_by_an_earlier_version_get_their_sighting_key_and_the_rebuild_reads_every_one()
    {
        using var directory = new TempDirectory();
        var path = Path.Combine(directory.Path, HubDatabase.FileName);
        var occurredAt = new DateTime(2026, 3, 1, 0, 30, 0, DateTimeKind.Utc);
        using (var old = new LiteDatabase(new ConnectionString { Filename = path, Collation = Collation.Binary }))
        {
            // As versions before the key wrote them: the fields, an OccurredAt index, no key; and one document ingest
            // never writes (no ID number), which must not stop the rest.
            var checkIns = old.GetCollection(HubDatabase.CheckInsCollection);
            checkIns.EnsureIndex("OccurredAt", "$.OccurredAt");
            checkIns.InsertBulk(Enumerable.Range(1, 12_000).Select(seq => new BsonDocument
            {
                ["_id"] = CheckInDocument.KeyOf("agent-1", seq),
                ["SiteId"] = "site-1",
                ["OccurredAt"] = occurredAt.AddMinutes(seq),
                ["IdNumber"] = TestPeople.NonLocal(seq % 7),
                ["Name"] = "李四",
            }));
            checkIns.Insert(new BsonDocument { ["_id"] = "agent-2:1", ["SiteId"] = "site-1", ["OccurredAt"] = occurredAt });
        }

        using var database = Open(directory.Path);

        var indexes = database.Database.GetCollection("$indexes").Find("collection = 'checkins'").Select(i => i["name"].AsString).ToList();
        Assert.Contains(nameof(CheckInDocument.SightingKey), indexes);
        Assert.DoesNotContain(nameof(CheckInDocument.OccurredAt), indexes);
        var passedOver = 0;
        var sightings = StoredSightings.Read(database, readers: 2, unreadable: () => Interlocked.Increment(ref passedOver)).ToList();
        Assert.Equal(12_000, sightings.Count);

        // The one without an ID number got an empty key, below every window: not read, so not even passed over.
        Assert.Equal(0, passedOver);
        var first = Assert.Single(sightings, s => s.OccurredAt == occurredAt.AddMinutes(1));
        Assert.Equal(new Sighting(TestPeople.NonLocal(1), "李四", "site-1", new DateTimeOffset(occurredAt.AddMinutes(1))), first);
    }

    private static HubDatabase Open(string directory) =>
        new(Options.Create(new HubOptions { DataDirectory = directory }), NullLogger<HubDatabase>.Instance);
}
