using GateSync.Contracts.Identity;
using GateSync.Contracts.Wire;

namespace GateSync.Agent.Doors;

/// <summary>Checks <c>Agent:Doors</c> at start; each failure names the setting as written in configuration.</summary>
public static class DoorSettings
{
    public const int MaxHoldOpenMilliseconds = 60_000;

    public static IReadOnlyList<string> Check(IReadOnlyList<DoorOptions> doors, IReadOnlyCollection<string> readerIds)
    {
        ArgumentNullException.ThrowIfNull(doors);
        ArgumentNullException.ThrowIfNull(readerIds);
        var failures = new List<string>();
        var doorIds = new HashSet<string>(StringComparer.Ordinal);
        var servedBy = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < doors.Count; i++)
        {
            var door = doors[i];
            var key = $"Agent:Doors:{i}";
            if (Identifier.Problem($"{key}:DoorId", door.DoorId) is { } problem)
            {
                failures.Add(problem);
            }
            else if (!doorIds.Add(door.DoorId))
            {
                failures.Add($"{key}:DoorId must be unique among the agent's doors ('{door.DoorId}' appears twice)");
            }

            CheckReaders(failures, key, door, readerIds, servedBy);
            CheckRelay(failures, key, door);
            for (var s = 0; s < door.StaffIdNumbers.Count; s++)
            {
                var result = IdNumber.Normalize(door.StaffIdNumbers[s]);
                if (!result.IsValid)
                {
                    failures.Add($"{key}:StaffIdNumbers:{s} is not a valid ID number ({PersonalDataMask.IdNumber(door.StaffIdNumbers[s])}: {result.Error})");
                }
            }
        }

        return failures;
    }

    private static void CheckReaders(List<string> failures, string key, DoorOptions door, IReadOnlyCollection<string> readerIds, Dictionary<string, string> servedBy)
    {
        if (door.ReaderIds.Count == 0)
        {
            failures.Add($"{key}:ReaderIds must list at least one reader of Agent:Readers (e.g. {key}:ReaderIds:0 = gate-1)");
        }

        for (var r = 0; r < door.ReaderIds.Count; r++)
        {
            var readerId = door.ReaderIds[r];
            if (!readerIds.Contains(readerId))
            {
                failures.Add($"{key}:ReaderIds:{r} must be the ReaderId of one of Agent:Readers (was '{readerId}')");
            }
            else if (servedBy.TryGetValue(readerId, out var other) && other != door.DoorId)
            {
                failures.Add($"{key}:ReaderIds:{r}: reader '{readerId}' already serves door '{other}'; a reader is at one door");
            }
            else
            {
                servedBy[readerId] = door.DoorId;
            }
        }
    }

    private static void CheckRelay(List<string> failures, string key, DoorOptions door)
    {
        if (!Enum.IsDefined(door.Policy))
        {
            failures.Add($"{key}:Policy must be one of {string.Join(", ", Enum.GetNames<AccessPolicy>())} (was {door.Policy})");
        }

        if (door.Policy == AccessPolicy.RecordOnly)
        {
            return;
        }

        if (string.IsNullOrWhiteSpace(door.RelayPort))
        {
            failures.Add($"{key}:RelayPort must name the relay board's serial device, e.g. /dev/ttyUSB1, for policy {door.Policy} (was empty)");
        }

        if (door.Relay is < 1 or > LcusRelayFrame.MaxRelay)
        {
            failures.Add($"{key}:Relay must be 1-{LcusRelayFrame.MaxRelay}, the relay's number on the board (was {door.Relay})");
        }

        if (door.RelayBaudRate <= 0)
        {
            failures.Add($"{key}:RelayBaudRate must be a whole number above 0, e.g. 9600 (was {door.RelayBaudRate})");
        }

        if (door.HoldOpenMilliseconds is < 1 or > MaxHoldOpenMilliseconds)
        {
            failures.Add($"{key}:HoldOpenMilliseconds must be 1-{MaxHoldOpenMilliseconds}, e.g. 3000 (was {door.HoldOpenMilliseconds})");
        }
    }
}
