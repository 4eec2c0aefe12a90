using System.Diagnostics;
using GateSync.Bench.Report;
using GateSync.Bench.Support;
using GateSync.Contracts.Wire;
using GateSync.Hub;
using GateSync.Hub.Storage;
using LiteDB;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace GateSync.Bench.Scenarios;

/// <summary>
/// The storage limit: the hub's own <see cref="HubDatabase"/> (same file settings, mapper and indexes) taking the same
/// check-in documents as fast as LiteDB can, in transactions like the batch writer's, with nothing else around it.
/// </summary>
public static class RawStoreScenario
{
    public const string Section = "Hub ingest";

    /// <summary>The hub's secondary indexes on check-ins, dropped for the "_id only" figure.</summary>
    public static readonly string[] HubIndexes = [nameof(CheckInDocument.SightingKey)];

    private static bool warmedUp;

    public static void Run(BenchSettings settings, BenchReport report, Workspace workspace, int batchSize, bool hubIndexes, string id, string name)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(workspace);
        if (!warmedUp)
        {
            // The first run in a process pays for JIT and a cold file cache; measure warm code.
            InsertRate(workspace.Directory("raw-warm-up"), TimeSpan.FromSeconds(1), batchSize, hubIndexes);
            warmedUp = true;
        }

        var (rate, count) = InsertRate(workspace.Directory($"raw-{id}"), settings.RawInsertDuration, batchSize, hubIndexes);
        report.Add(new Figure
        {
            Id = id,
            Name = name,
            Value = rate,
            Unit = "check-ins/s",
            Note = $"{count:N0} CheckInDocuments inserted for {settings.RawInsertDuration.TotalSeconds:0} s into a fresh hub.db through HubDatabase " +
                   $"(Connection=direct), {batchSize} per transaction, {(hubIndexes ? $"with the hub's indexes (_id, {string.Join(", ", HubIndexes)})" : "with the _id index only")}.",
        });
    }

    private static (double Rate, long Count) InsertRate(string directory, TimeSpan duration, int batchSize, bool hubIndexes)
    {
        var options = Options.Create(new HubOptions { DataDirectory = directory });
        using var database = new HubDatabase(options, NullLogger<HubDatabase>.Instance);
        if (!hubIndexes)
        {
            foreach (var index in HubIndexes)
            {
                if (!database.CheckIns.DropIndex(index))
                {
                    throw new InvalidOperationException($"the hub's check-ins have no index named {index}; update RawStoreScenario.HubIndexes");
                }
            }
        }

        var (payloads, templates) = Templates();
        var now = DateTimeOffset.UtcNow;
        var seq = 0L;
        var documents = new List<BsonDocument>(batchSize);
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < duration)
        {
            // As ingest writes a batch: the documents built, then one insert call in one transaction.
            documents.Clear();
            for (var i = 0; i < batchSize; i++)
            {
                seq++;
                var template = templates[(int)(seq % templates.Length)];
                documents.Add(CheckInBson.From(CheckInDocument.From(template with { Seq = seq, OccurredAt = payloads.OccurredAtFor(seq) }, now)));
            }

            database.Database.BeginTrans();
            database.CheckInDocuments.Insert(documents);
            database.Database.Commit();
        }

        return (seq / clock.Elapsed.TotalSeconds, seq);
    }

    /// <summary>The same people and fields as the publishers' payloads.</summary>
    private static (CheckInPayloads Payloads, CheckIn[] Templates) Templates()
    {
        var payloads = new CheckInPayloads("site-raw", "bench-raw", SyntheticPeople.Create(2000, 0.3, 7), DateTimeOffset.UtcNow, 7);
        return (payloads, [.. Enumerable.Range(0, 2000).Select(i => System.Text.Json.JsonSerializer.Deserialize(payloads.For(i + 1), ContractJson.Context.CheckIn)!)]);
    }
}
