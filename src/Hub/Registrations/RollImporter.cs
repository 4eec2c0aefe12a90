using Microsoft.Extensions.Options;

namespace GateSync.Hub.Registrations;

/// <summary>
/// Streams an import's rows into the <see cref="RegistrationRoll"/> in chunks, so a file of any size costs one
/// chunk of memory and logs its progress; bad rows are collected with their reasons, good ones stored.
/// Changed registrations are handed to <see cref="IRegistrationsChangedObserver"/>s chunk by chunk.
/// </summary>
public sealed partial class RollImporter(
    RegistrationRoll roll,
    IEnumerable<IRegistrationsChangedObserver> observers,
    IOptions<ImportOptions> options,
    ILogger<RollImporter> logger)
{
    private readonly int _chunkSize = options.Value.ChunkSize;
    private readonly int _progressEvery = options.Value.ProgressEveryRows;

    public Task<ImportResult> ImportSitesAsync(Stream csv, CancellationToken cancellationToken) =>
        ImportAsync("sites", SitesCsv.ReadAsync(csv, cancellationToken), chunk => Task.FromResult(roll.Upsert(chunk)));

    public Task<ImportResult> ImportCommunitiesAsync(Stream csv, CancellationToken cancellationToken) =>
        ImportAsync("communities", CommunitiesCsv.ReadAsync(csv, cancellationToken), chunk => Task.FromResult(roll.Upsert(chunk)));

    public Task<ImportResult> ImportRegistrationsAsync(Stream csv, CancellationToken cancellationToken)
    {
        // Read once per import: registrations name sites, which come from an earlier sites import.
        var known = roll.SiteIds();
        return ImportAsync(
            "registrations",
            RegistrationsCsv.ReadAsync(csv, known.Contains, cancellationToken),
            async chunk =>
            {
                var count = roll.Upsert(chunk);
                foreach (var observer in observers)
                {
                    await observer.RegistrationsChangedAsync(chunk, cancellationToken).ConfigureAwait(false);
                }

                return count;
            });
    }

    private async Task<ImportResult> ImportAsync<T>(string what, IAsyncEnumerable<ImportRow<T>> rows, Func<IReadOnlyList<T>, Task<UpsertCount>> store)
        where T : class
    {
        var rejected = new List<RejectedRow>();
        var chunk = new List<T>(_chunkSize);
        var total = new UpsertCount();
        var read = 0;

        await foreach (var row in rows.ConfigureAwait(false))
        {
            if (row.Record is { } record)
            {
                chunk.Add(record);
            }
            else
            {
                rejected.Add(new RejectedRow(row.Row, row.Reason!));
            }

            read = Math.Max(read, row.Row);
            if (chunk.Count >= _chunkSize)
            {
                total += await store(chunk).ConfigureAwait(false);
                chunk = new List<T>(_chunkSize);
            }

            if (read > 0 && read % _progressEvery == 0)
            {
                Log.Progress(logger, what, read, total.Inserted, total.Updated, rejected.Count);
            }
        }

        if (chunk.Count > 0)
        {
            total += await store(chunk).ConfigureAwait(false);
        }

        var result = new ImportResult(total.Inserted, total.Updated, rejected);
        if (result.FileRefused)
        {
            Log.FileRefused(logger, what, rejected[0].Reason);
        }
        else
        {
            Log.Finished(logger, what, read, total.Inserted, total.Updated, rejected.Count);
        }

        return result;
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 500, Level = LogLevel.Information, Message = "Import of {What}: {Rows} rows read, {Imported} new, {Updated} updated, {Rejected} rejected so far")]
        public static partial void Progress(ILogger logger, string what, int rows, int imported, int updated, int rejected);

        [LoggerMessage(EventId = 501, Level = LogLevel.Information, Message = "Import of {What} done: {Rows} rows, {Imported} new, {Updated} updated, {Rejected} rejected")]
        public static partial void Finished(ILogger logger, string what, int rows, int imported, int updated, int rejected);

        [LoggerMessage(EventId = 502, Level = LogLevel.Warning, Message = "Import of {What} refused: {Reason}")]
        public static partial void FileRefused(ILogger logger, string what, string reason);
    }
}

/// <summary>Told about registrations stored by an import, chunk by chunk, after they are committed.</summary>
public interface IRegistrationsChangedObserver
{
    Task RegistrationsChangedAsync(IReadOnlyList<Registration> registrations, CancellationToken cancellationToken);
}

/// <summary><c>Hub:Import</c>: how imports are chunked and how often they log progress.</summary>
public sealed class ImportOptions
{
    public const string Section = "Hub:Import";

    /// <summary>Rows stored per transaction.</summary>
    public int ChunkSize { get; set; } = 500;

    /// <summary>A progress line in the log every this many rows.</summary>
    public int ProgressEveryRows { get; set; } = 10_000;
}
