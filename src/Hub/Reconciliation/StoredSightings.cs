using System.Collections.Concurrent;
using GateSync.Hub.Storage;
using LiteDB;

namespace GateSync.Hub.Reconciliation;

/// <summary>
/// Every stored check-in as a <see cref="Sighting"/>, for a rebuild: read by several threads, each taking windows of
/// <c>occurredAt</c> through its index, handed to the one thread that feeds the engine.
/// </summary>
/// <remarks>
/// Why this shape (bench/README.md): the four fields are read as raw BSON (mapping whole documents was 2-3 times slower);
/// in <c>occurredAt</c> order, which is about the order documents were written, so consecutive reads hit the same data
/// pages (the <c>_id</c> order, agent by agent, jumps across the file and read 2.5 times slower on a district's store);
/// in windows, because a LiteDB query holds every page it read until it ends (a single query over two million
/// documents held a gigabyte); and in parallel, since one query uses one core.
/// </remarks>
public static class StoredSightings
{
    /// <summary>One query's share: a day of a district's check-ins is about 70,000 documents, 60 MB of pages.</summary>
    public static readonly TimeSpan Window = TimeSpan.FromDays(1);

    /// <summary>A clock far off (a device's year 2099) must not make thousands of empty queries; windows widen instead.</summary>
    public const int MaxWindows = 2_000;

    private const int ChunkSize = 4_096;

    private static readonly string Fields =
        $"{{{nameof(CheckInDocument.IdNumber)}: $.{nameof(CheckInDocument.IdNumber)}, {nameof(CheckInDocument.Name)}: $.{nameof(CheckInDocument.Name)}, " +
        $"{nameof(CheckInDocument.SiteId)}: $.{nameof(CheckInDocument.SiteId)}, {nameof(CheckInDocument.OccurredAt)}: $.{nameof(CheckInDocument.OccurredAt)}}}";

    private static readonly string InWindow = $"$.{nameof(CheckInDocument.OccurredAt)} BETWEEN @0 AND @1";

    /// <summary>
    /// Reads with <paramref name="readers"/> threads; <paramref name="windowsRead"/> is told the share of windows read
    /// (0-1) from those threads. Check-ins stored while it reads may or may not be included.
    /// </summary>
    public static IEnumerable<Sighting> Read(
        HubDatabase database, int readers, Action<double>? windowsRead = null, CancellationToken cancellationToken = default)
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
        var queue = new WindowQueue(windows, readers, windowsRead);
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

    /// <summary>Windows of <c>occurredAt</c> that cover every stored check-in exactly once, oldest first.</summary>
    internal static List<(DateTime From, DateTime To)> Windows(ILiteCollection<BsonDocument> checkIns)
    {
        if (End(checkIns, Query.Ascending) is not { } first || End(checkIns, Query.Descending) is not { } last)
        {
            return [];
        }

        var from = first;
        var span = last - from;
        var count = (int)Math.Clamp(Math.Ceiling(span / Window), 1, MaxWindows);

        // LiteDB keeps milliseconds and compares at that precision, so windows meet on whole milliseconds; the outer
        // ends are open so that check-ins stored since (late ones too) are not left between windows.
        var step = TimeSpan.FromMilliseconds(Math.Ceiling(span.TotalMilliseconds / count) + 1);
        var windows = new List<(DateTime From, DateTime To)>(count);
        for (var i = 0; i < count; i++)
        {
            var start = i == 0 ? DateTime.MinValue : from + (step * i);
            var end = i == count - 1 ? DateTime.MaxValue : from + (step * (i + 1)) - TimeSpan.FromMilliseconds(1);
            windows.Add((DateTime.SpecifyKind(start, DateTimeKind.Utc), DateTime.SpecifyKind(end, DateTimeKind.Utc)));
        }

        return windows;
    }

    /// <summary>
    /// The earliest or latest <c>occurredAt</c> held, from the index's end (no scan); <c>null</c> for no check-in. Not
    /// LiteDB's Min and Max: they throw on an empty collection, and would give a document without the field (null sorts first).
    /// </summary>
    private static DateTime? End(ILiteCollection<BsonDocument> checkIns, int order)
    {
        var ends = checkIns.Query()
            .Where(InWindow, DateTime.MinValue, DateTime.MaxValue)
            .OrderBy($"$.{nameof(CheckInDocument.OccurredAt)}", order)
            .Select($"{{t: $.{nameof(CheckInDocument.OccurredAt)}}}")
            .Limit(1)
            .ToDocuments();
        return ends.FirstOrDefault() is { } end && end["t"] is { IsDateTime: true } at ? at.AsDateTime.ToUniversalTime() : null;
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
                var documents = checkIns.Query().Where(InWindow, window.From, window.To).Select(Fields).ToEnumerable();
                foreach (var document in documents)
                {
                    if (ToSighting(document) is { } sighting)
                    {
                        chunk.Add(sighting);
                        if (chunk.Count == ChunkSize)
                        {
                            chunks.Add([.. chunk], stop.Token);
                            chunk.Clear();
                        }
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

    private static Sighting? ToSighting(BsonDocument document)
    {
        // Ingest stores only validated check-ins; a document without these fields was not written by it.
        if (document[nameof(CheckInDocument.IdNumber)] is not { IsString: true } idNumber
            || document[nameof(CheckInDocument.SiteId)] is not { IsString: true } siteId
            || document[nameof(CheckInDocument.OccurredAt)] is not { IsDateTime: true } occurredAt)
        {
            return null;
        }

        var name = document[nameof(CheckInDocument.Name)] is { IsString: true } text ? text.AsString : string.Empty;

        // LiteDB keeps the instant (UTC); the offset is irrelevant to the rules, which count days in the district's zone.
        return new Sighting(idNumber.AsString, name, siteId.AsString, new DateTimeOffset(occurredAt.AsDateTime));
    }

    /// <summary>The windows not yet taken, shared by the readers; how many are read, and how many readers still read.</summary>
    private sealed class WindowQueue(List<(DateTime From, DateTime To)> windows, int readers, Action<double>? windowsRead)
    {
        private int _taken = -1;
        private int _done;
        private int _readers = readers;

        public (DateTime From, DateTime To)? Next()
        {
            var index = Interlocked.Increment(ref _taken);
            return index < windows.Count ? windows[index] : null;
        }

        public void Done() => windowsRead?.Invoke((double)Interlocked.Increment(ref _done) / windows.Count);

        /// <summary>True for the last reader to finish.</summary>
        public bool ReaderDone() => Interlocked.Decrement(ref _readers) == 0;
    }
}
