using GateSync.Hub.Storage;
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

    private static HubDatabase Open(string directory) =>
        new(Options.Create(new HubOptions { DataDirectory = directory }), NullLogger<HubDatabase>.Instance);
}
