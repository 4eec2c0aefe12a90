using System.Diagnostics;
using GateSync.Hub.Delivery;
using Microsoft.Extensions.Options;

namespace GateSync.Hub.Reconciliation;

/// <summary>
/// Saves the engine's state (<see cref="EngineSnapshot"/>, in the <see cref="EngineStateStore"/>) and opens it again at
/// start, for the <see cref="Reconciler"/>, which decides when. Days past retention (<c>Hub:Retention:CheckInDays</c>)
/// are left out when saving and when reading: a saved state must not keep whereabouts the purge has deleted.
/// </summary>
public sealed partial class SavedEngineState(
    EngineStateStore store,
    IOptions<ReconciliationSettings> settings,
    IOptions<RetentionOptions> retention,
    TimeProvider time,
    ILogger<SavedEngineState> logger)
{
    private readonly string _shape = EngineSnapshot.ShapeOf(settings.Value);

    /// <summary>Writes the engine's state with what it covers; call it where neither changes (the reconciler's gate).</summary>
    internal Captured Capture(ReconciliationEngine engine, AppliedCheckIns applied)
    {
        var started = Stopwatch.GetTimestamp();
        var state = new MemoryStream();
        using var writer = EngineSnapshot.Writer(state);
        EngineSnapshot.WriteHeader(writer, _shape, time.GetUtcNow(), applied);
        var persons = engine.WriteSightings(writer, KeepFrom());
        EngineSnapshot.WriteEnd(writer);
        writer.Flush();
        return new Captured(state, persons, Stopwatch.GetElapsedTime(started));
    }

    /// <summary>Stores a captured state in place of the one saved before.</summary>
    internal void Save(Captured captured)
    {
        var started = Stopwatch.GetTimestamp();
        store.Save(captured.State.GetBuffer().AsMemory(0, (int)captured.State.Length));
        Log.Saved(logger, captured.Persons, captured.State.Length / 1024, captured.Took.TotalSeconds, Stopwatch.GetElapsedTime(started).TotalSeconds);
    }

    /// <summary>The state saved last, or <c>null</c> when there is none this hub can use (the log says why).</summary>
    internal Opened? Open()
    {
        var state = store.Open();
        if (state is null)
        {
            Log.NoneSaved(logger);
            return null;
        }

        var reader = EngineSnapshot.Reader(state);
        EngineSnapshot.Header? header;
        string? unusable;
        try
        {
            header = EngineSnapshot.ReadHeader(reader, _shape, out unusable);
        }
        catch (Exception ex) when (ex is EndOfStreamException or FormatException or InvalidDataException)
        {
            (header, unusable) = (null, $"damaged: {ex.Message}");
        }

        if (header is null)
        {
            Log.Unusable(logger, unusable ?? "unknown");
            reader.Dispose();
            state.Dispose();
            return null;
        }

        return new Opened(header, Persons(reader, KeepFrom()), state);
    }

    internal void ReportDamaged(Exception exception) => Log.Damaged(logger, exception);

    private static IEnumerable<PersonSightings> Persons(BinaryReader reader, DateTimeOffset? keepFrom)
    {
        using (reader)
        {
            foreach (var person in SightingStateFormat.Read(reader))
            {
                yield return keepFrom is { } from ? WithoutDaysBefore(person, from) : person;
            }

            // Before the engine swaps the state in: a state cut short must not be taken for a whole one.
            EngineSnapshot.ReadEnd(reader);
        }
    }

    private static PersonSightings WithoutDaysBefore(PersonSightings person, DateTimeOffset from) =>
        person.Sites.All(s => s.Days[0].Last >= from) // days are in order: usually nothing to leave out
            ? person
            : person with
            {
                Sites = [.. person.Sites
                    .Select(s => (s.SiteId, Days: (IReadOnlyList<DayVisit>)[.. s.Days.Where(d => d.Last >= from)]))
                    .Where(s => s.Days.Count > 0)],
            };

    private DateTimeOffset? KeepFrom() =>
        retention.Value.CheckInDays is > 0 and var days ? time.GetUtcNow().AddDays(-days) : null;

    internal sealed record Captured(MemoryStream State, int Persons, TimeSpan Took);

    /// <summary>A saved state: what it covers, and its persons, read as they are taken (then the stream is done with).</summary>
    internal sealed record Opened(EngineSnapshot.Header Header, IEnumerable<PersonSightings> Persons, MemoryStream State) : IDisposable
    {
        public void Dispose() => State.Dispose();
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 630, Level = LogLevel.Information, Message = "Saved the reconciliation state: {Persons} persons, {KiB} KiB, written in {WriteSeconds:0.00} s, stored in {StoreSeconds:0.00} s")]
        public static partial void Saved(ILogger logger, int persons, long kib, double writeSeconds, double storeSeconds);

        [LoggerMessage(EventId = 631, Level = LogLevel.Information, Message = "No saved reconciliation state (first start, or the state was cleared): reading every stored check-in")]
        public static partial void NoneSaved(ILogger logger);

        [LoggerMessage(EventId = 632, Level = LogLevel.Warning, Message = "The saved reconciliation state cannot be used ({Reason}): reading every stored check-in instead")]
        public static partial void Unusable(ILogger logger, string reason);

        [LoggerMessage(EventId = 633, Level = LogLevel.Warning, Message = "The saved reconciliation state could not be read back: reading every stored check-in instead")]
        public static partial void Damaged(ILogger logger, Exception exception);
    }
}
