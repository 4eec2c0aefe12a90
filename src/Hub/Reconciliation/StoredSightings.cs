using System.Collections.Concurrent;
using GateSync.Hub.Storage;
using LiteDB;

namespace GateSync.Hub.Reconciliation;

/// <summary>
/// Every stored check-in as a <see cref="Sighting"/>, for a rebuild: read by several threads, each taking windows of
/// time through the sighting key's index, handed to the one thread that feeds the engine.
/// </summary>
/// <remarks>
/// Why this shape (bench/README.md): only the sighting key is read, from its index, so no document is read at all
/// (<see cref="SightingKeyFormat"/>); the key sorts by when the swipe happened, so a window of time is a range of the
/// index; in windows, because a LiteDB query holds every page it read until it ends (a single query over two million
/// documents held a gigabyte); and in parallel, since one query uses one core.
/// </remarks>
public static class StoredSightings
{
    /// <summary>One query's share: a day of a district's check-ins is about 70,000 keys, some 10 MB of index pages.</summary>
    public static readonly TimeSpan Window = TimeSpan.FromDays(1);

    /// <summary>A clock far off (a device's year 2099) must not make thousands of empty queries; windows widen instead.</summary>
    public const int MaxWindows = 2_000;

    private const int ChunkSize = 4_096;

    private static readonly string Key = $"$.{nameof(CheckInDocument.SightingKey)}";

    private static readonly string InWindow = $"{Key} BETWEEN @0 AND @1";

    /// <summary>
    /// Reads with <paramref name="readers"/> threads; <paramref name="windowsRead"/> is told the share of windows read
    /// (0-1) from those threads, <paramref name="unreadable"/> of each stored check-in passed over for want of a readable
    /// key. Check-ins stored while it reads may or may not be included.
    /// </summary>
    public static IEnumerable<Sighting> Read(
        HubDatabase database,
        int readers,
        Action<double>? windowsRead = null,
        Action? unreadable = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentOutOfRangeException.ThrowIfLessThan(readers, 1);
        var checkIns = database.Database.GetCollection(HubDatabase.CheckInsCollection);
        var windows = Windows(checkIns);
        if (windows.Count == 0)
        {
            yield break;
        }

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var chunks = new BlockingCollection<Sighting[]>(boundedCapacity: readers * 4);
        readers = Math.Min(readers, windows.Count);
        var queue = new WindowQueue(windows, readers, windowsRead, unreadable);
        var workers = Enumerable.Range(0, readers)
            .Select(_ => Task.Factory.StartNew(
                () => ReadWindows(checkIns, queue, chunks, stop),
                CancellationToken.None,
                TaskCreationOptions.LongRunning,
                TaskScheduler.Default))
            .ToArray();

        try
        {
            while (Take(chunks, workers, stop.Token, cancellationToken) is { } chunk)
            {
                foreach (var sighting in chunk)
                {
                    yield return sighting;
                }
            }
        }
        finally
        {
            // The consumer stopped early (it failed, or was cancelled): readers blocked on a full queue must not wait for
            // ever. Waited for without throwing: a reader's failure has been thrown by Take.
            stop.Cancel();
            Task.WaitAny(Task.WhenAll(workers));
        }
    }

    /// <summary>The next chunk; <c>null</c> once every reader is done; a reader's failure is thrown here, on the consumer.</summary>
    private static Sighting[]? Take(BlockingCollection<Sighting[]> chunks, Task[] workers, CancellationToken stop, CancellationToken cancellationToken)
    {
        try
        {
            if (chunks.TryTake(out var chunk, Timeout.Infinite, stop))
            {
                return chunk;
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // A reader failed and stopped the others; its exception is the one to throw.
        }

        cancellationToken.ThrowIfCancellationRequested();
        Task.WhenAll(workers).GetAwaiter().GetResult();
        return null;
    }

    /// <summary>Ranges of sighting keys, by time, that cover every stored check-in exactly once, oldest first.</summary>
    internal static List<(string From, string To)> Windows(ILiteCollection<BsonDocument> checkIns)
    {
        if (End(checkIns, Query.Ascending) is not { } first || End(checkIns, Query.Descending) is not { } last)
        {
            return [];
        }

        var from = first;
        var span = last - from;
        var count = (int)Math.Clamp(Math.Ceiling(span / Window), 1, MaxWindows);

        // Keys hold whole milliseconds, so windows meet on them; the outer ends are open so that check-ins stored since
        // (late ones too) are not left between windows.
        var step = TimeSpan.FromMilliseconds(Math.Ceiling(span.TotalMilliseconds / count) + 1);
        var windows = new List<(string From, string To)>(count);
        for (var i = 0; i < count; i++)
        {
            var start = i == 0 ? SightingKeyFormat.Lowest : SightingKeyFormat.From(from + (step * i));
            var end = i == count - 1 ? SightingKeyFormat.Highest : SightingKeyFormat.Through(from + (step * (i + 1)) - TimeSpan.FromMilliseconds(1));
            windows.Add((start, end));
        }

        return windows;
    }

    /// <summary>The earliest or latest swipe held, from the index's end (no scan); <c>null</c> for no check-in.</summary>
    private static DateTime? End(ILiteCollection<BsonDocument> checkIns, int order)
    {
        var ends = checkIns.Query()
            .Where(InWindow, SightingKeyFormat.Lowest, SightingKeyFormat.Highest)
            .OrderBy(Key, order)
            .Select(Key)
            .Limit(1)
            .ToDocuments();
        return ends.FirstOrDefault() is { } end && end[nameof(CheckInDocument.SightingKey)] is { IsString: true } key
            ? SightingKeyFormat.TimeOf(key.AsString)
            : null;
    }

    /// <summary>One reader thread: whole windows, one query each (LiteDB binds a query to its thread).</summary>
    private static void ReadWindows(
        ILiteCollection<BsonDocument> checkIns, WindowQueue queue, BlockingCollection<Sighting[]> chunks, CancellationTokenSource stop)
    {
        try
        {
            var chunk = new List<Sighting>(ChunkSize);
            while (!stop.IsCancellationRequested && queue.Next() is { } window)
            {
                // Parsed per query: a BsonExpression carries its parameters and is not to be shared between threads.
                var documents = checkIns.Query().Where(InWindow, window.From, window.To).Select(Key).ToEnumerable();
                foreach (var document in documents)
                {
                    if (ToSighting(document) is not { } sighting)
                    {
                        queue.Unreadable();
                        continue;
                    }

                    chunk.Add(sighting);
                    if (chunk.Count == ChunkSize)
                    {
                        chunks.Add([.. chunk], stop.Token);
                        chunk.Clear();
                    }
                }

                queue.Done();
            }

            if (chunk.Count > 0)
            {
                chunks.Add([.. chunk], stop.Token);
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The others need not read on: the rebuild fails with this.
            stop.Cancel();
            throw;
        }
        finally
        {
            if (queue.ReaderDone())
            {
                chunks.CompleteAdding();
            }
        }
    }

    internal static Sighting? ToSighting(BsonDocument document)
    {
        // Ingest keys every check-in it stores; an empty key is a document it did not write (SightingKeyMigration).
        if (document[nameof(CheckInDocument.SightingKey)] is not { IsString: true } key || SightingKeyFormat.Parse(key.AsString) is not { } parts)
        {
            return null;
        }

        // The instant in UTC; the offset is irrelevant to the rules, which count days in the district's zone.
        return new Sighting(parts.IdNumber, parts.Name, parts.SiteId, parts.OccurredAt);
    }

    /// <summary>The windows not yet taken, shared by the readers; how many are read, and how many readers still read.</summary>
    private sealed class WindowQueue(List<(string From, string To)> windows, int readers, Action<double>? windowsRead, Action? unreadable)
    {
        private int _taken = -1;
        private int _done;
        private int _readers = readers;

        public (string From, string To)? Next()
        {
            var index = Interlocked.Increment(ref _taken);
            return index < windows.Count ? windows[index] : null;
        }

        public void Done() => windowsRead?.Invoke((double)Interlocked.Increment(ref _done) / windows.Count);

        public void Unreadable() => unreadable?.Invoke();

        /// <summary>True for the last reader to finish.</summary>
        public bool ReaderDone() => Interlocked.Decrement(ref _readers) == 0;
    }
}
