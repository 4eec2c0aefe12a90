using GateSync.Agent.Doors;

namespace GateSync.Agent.Tests.Doors;

public class DoorSettingsTests
{
    private static readonly string[] Readers = ["gate-1", "gate-2"];

    [Fact]
    public void Well_formed_doors_pass()
    {
        DoorOptions[] doors =
        [
            new() { DoorId = "door-1", ReaderIds = ["gate-1"], Policy = AccessPolicy.ValidCard, RelayPort = "/dev/ttyUSB1" },
            new() { DoorId = "door-2", ReaderIds = ["gate-2"], Policy = AccessPolicy.RecordOnly },
        ];

        Assert.Empty(DoorSettings.Check(doors, Readers));
    }

    [Fact]
    public void Each_problem_names_its_setting()
    {
        DoorOptions[] doors =
        [
            new()
            {
                DoorId = "door 1",
                ReaderIds = ["gate-7"],
                Policy = AccessPolicy.ResidentsOnly,
                Relay = 0,
                HoldOpenMilliseconds = 0,
                StaffIdNumbers = ["110105194912310021"],
            },
            new() { DoorId = "door-2", ReaderIds = [], Policy = (AccessPolicy)42 },
        ];

        var failures = DoorSettings.Check(doors, Readers);

        Assert.Contains(failures, f => f.StartsWith("Agent:Doors:0:DoorId", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Agent:Doors:0:ReaderIds:0", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Agent:Doors:0:RelayPort", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Agent:Doors:0:Relay must", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Agent:Doors:0:HoldOpenMilliseconds", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Agent:Doors:0:StaffIdNumbers:0", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Agent:Doors:1:ReaderIds", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Agent:Doors:1:Policy", StringComparison.Ordinal));
        Assert.DoesNotContain(failures, f => f.Contains("19491231", StringComparison.Ordinal));
    }

    [Fact]
    public void A_reader_serves_one_door()
    {
        DoorOptions[] doors =
        [
            new() { DoorId = "door-1", ReaderIds = ["gate-1"] },
            new() { DoorId = "door-2", ReaderIds = ["gate-1"] },
        ];

        Assert.Contains(DoorSettings.Check(doors, Readers), f => f.StartsWith("Agent:Doors:1:ReaderIds:0", StringComparison.Ordinal));
    }
}
