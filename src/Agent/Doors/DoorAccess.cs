using GateSync.Agent.Readers;
using GateSync.Agent.Readers.Line;
using GateSync.Contracts.Identity;
using GateSync.Contracts.Wire;

namespace GateSync.Agent.Doors;

/// <summary>
/// Decides each swipe at a door's readers and opens the door when granted, locally and at once: the decision is
/// returned before the strike has even moved, so the check-in records it and the network plays no part.
/// </summary>
public sealed partial class DoorAccess : IAccessTokenSink, IAsyncDisposable
{
    private readonly Dictionary<string, Door> byReader = new(StringComparer.Ordinal);
    private readonly TimeProvider time;
    private readonly ILogger logger;
    private readonly CancellationTokenSource stopping = new();
    private readonly List<Task> openings = [];
    private readonly Lock openingsLock = new();
    private int disposed;

    public DoorAccess(IEnumerable<Door> doors, TimeProvider time, ILogger<DoorAccess> logger)
    {
        ArgumentNullException.ThrowIfNull(doors);
        this.time = time;
        this.logger = logger;
        foreach (var door in doors)
        {
            foreach (var readerId in door.Options.ReaderIds)
            {
                byReader[readerId] = door;
            }
        }
    }

    /// <summary>The doors of validated <c>Agent:Doors</c> settings, each on its own LCUS relay.</summary>
    public static DoorAccess Create(IEnumerable<DoorOptions> doors, IAccessList residents, TimeProvider time, ILoggerFactory loggers)
    {
        ArgumentNullException.ThrowIfNull(doors);
        ArgumentNullException.ThrowIfNull(loggers);
        return new DoorAccess(
            doors.Select(options => new Door(
                options,
                new AccessDecider(options.Policy),
                new CombinedAccessList(new AllowList(options.StaffIdNumbers), residents),
                options.Policy == AccessPolicy.RecordOnly || string.IsNullOrWhiteSpace(options.RelayPort)
                    ? null
                    : new LcusRelay(options.RelayPort, options.Relay, options.RelayBaudRate, time, loggers.CreateLogger<LcusRelay>()))),
            time,
            loggers.CreateLogger<DoorAccess>());
    }

    /// <summary>The decision for a swipe, opening the door when granted; <c>null</c> when no door is at the swipe's reader.</summary>
    public AccessDecision? Admit(CardSwipe swipe)
    {
        ArgumentNullException.ThrowIfNull(swipe);
        if (!byReader.TryGetValue(swipe.ReaderId, out var door))
        {
            return null;
        }

        var today = DateOnly.FromDateTime(time.GetLocalNow().DateTime);
        var decision = door.Decider.Decide(swipe.Card, today, door.AllowList);
        LogDecision(logger, door.DoorId, swipe.ReaderId, PersonalDataMask.IdNumber(swipe.Card.IdNumber), decision, door.Decider.Policy);
        if (decision == AccessDecision.Granted)
        {
            Open(door);
        }

        return decision;
    }

    /// <summary>An access card that is not an ID card: it opens a door whose staff carry it, and is never a check-in.</summary>
    public void TokenRead(string readerId, string token)
    {
        if (!byReader.TryGetValue(readerId, out var door) || door.Decider.Policy == AccessPolicy.RecordOnly)
        {
            return;
        }

        var granted = door.Options.StaffCardNumbers.Contains(token, StringComparer.OrdinalIgnoreCase);
        LogStaffCard(logger, door.DoorId, readerId, PersonalDataMask.IdNumber(token), granted);
        if (granted)
        {
            Open(door);
        }
    }

    /// <summary>Stops pending openings, which closes their doors, and waits for them.</summary>
    public async ValueTask DisposeAsync()
    {
        // Once only: the container disposes it both as itself and as the readers' token sink.
        if (Interlocked.Exchange(ref disposed, 1) == 1)
        {
            return;
        }

        await stopping.CancelAsync().ConfigureAwait(false);
        Task[] pending;
        lock (openingsLock)
        {
            pending = [.. openings];
        }

        await Task.WhenAll(pending).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        foreach (var strike in byReader.Values.Select(d => d.Strike).Distinct().OfType<IDisposable>())
        {
            strike.Dispose();
        }

        stopping.Dispose();
    }

    private void Open(Door door)
    {
        if (door.Strike is not { } strike || stopping.IsCancellationRequested)
        {
            return;
        }

        var opening = OpenAsync(door, strike);
        lock (openingsLock)
        {
            openings.RemoveAll(t => t.IsCompleted);
            openings.Add(opening);
        }
    }

    private async Task OpenAsync(Door door, IDoor strike)
    {
        // Off the caller's path: the swipe is recorded while the door holds open.
        await Task.Yield();
        try
        {
            await strike.OpenAsync(door.HoldOpen, stopping.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or InvalidOperationException or ArgumentException)
        {
            LogOpenFailed(logger, ex, door.DoorId);
        }
    }

    [LoggerMessage(EventId = 710, Level = LogLevel.Information, Message = "Door {DoorId}: card {IdNumber} at {ReaderId} is {Decision} ({Policy})")]
    private static partial void LogDecision(ILogger logger, string doorId, string readerId, string idNumber, AccessDecision decision, AccessPolicy policy);

    [LoggerMessage(EventId = 711, Level = LogLevel.Information, Message = "Door {DoorId}: access card {Token} at {ReaderId}, staff card: {Granted}")]
    private static partial void LogStaffCard(ILogger logger, string doorId, string readerId, string token, bool granted);

    [LoggerMessage(EventId = 712, Level = LogLevel.Error, Message = "Door {DoorId} could not be opened")]
    private static partial void LogOpenFailed(ILogger logger, Exception exception, string doorId);
}
