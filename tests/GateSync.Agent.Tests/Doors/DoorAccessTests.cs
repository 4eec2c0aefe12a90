using GateSync.Agent.Doors;
using GateSync.Agent.Readers;
using GateSync.Contracts.Wire;
using GateSync.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace GateSync.Agent.Tests.Doors;

public sealed class DoorAccessTests
{
    private const string Resident = "11010519491231002X";
    private const string Stranger = "130208199001011234";

    private readonly FakeTimeProvider time = new(new DateTimeOffset(2026, 11, 24, 8, 0, 0, TimeSpan.FromHours(8)));
    private readonly CountingDoor strike = new();

    [Fact]
    public async Task Granted_swipe_opens_the_door_and_the_decision_is_returned_at_once()
    {
        await using var access = Access(AccessPolicy.ResidentsOnly, staff: [Resident]);

        var decision = access.Admit(Swipe("gate-1", Resident));

        Assert.Equal(AccessDecision.Granted, decision);
        await Eventually.TrueAsync(() => strike.Opened == 1, "the door was opened");
    }

    [Fact]
    public async Task Denied_swipe_leaves_the_door_shut()
    {
        await using var access = Access(AccessPolicy.ResidentsOnly, staff: [Resident]);

        Assert.Equal(AccessDecision.Denied, access.Admit(Swipe("gate-1", Stranger)));
        await Task.Delay(100);
        Assert.Equal(0, strike.Opened);
    }

    [Fact]
    public async Task Record_only_door_records_and_never_opens()
    {
        await using var access = Access(AccessPolicy.RecordOnly, staff: [Resident]);

        Assert.Equal(AccessDecision.Recorded, access.Admit(Swipe("gate-1", Resident)));
        access.TokenRead("gate-1", "0012345678");
        await Task.Delay(100);
        Assert.Equal(0, strike.Opened);
    }

    [Fact]
    public async Task Reader_at_no_door_gets_no_decision()
    {
        await using var access = Access(AccessPolicy.ValidCard, staff: []);

        Assert.Null(access.Admit(Swipe("gate-9", Resident)));
    }

    [Fact]
    public async Task Staff_access_card_opens_the_door_and_an_unknown_one_does_not()
    {
        await using var access = Access(AccessPolicy.ResidentsOnly, staff: [], cards: ["00ab12cd"]);

        access.TokenRead("gate-1", "99999999");
        access.TokenRead("gate-1", "00AB12CD");

        await Eventually.TrueAsync(() => strike.Opened == 1, "the staff card opened the door");
        await Task.Delay(100);
        Assert.Equal(1, strike.Opened);
    }

    [Fact]
    public async Task Stopping_cancels_a_door_held_open()
    {
        var access = Access(AccessPolicy.ValidCard, staff: []);
        access.Admit(Swipe("gate-1", Resident));
        await Eventually.TrueAsync(() => strike.Opened == 1, "the door was opened");

        await access.DisposeAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(60));

        Assert.True(strike.Cancelled);
    }

    private DoorAccess Access(AccessPolicy policy, string[] staff, string[]? cards = null)
    {
        var options = new DoorOptions
        {
            DoorId = "door-1",
            ReaderIds = ["gate-1", "gate-2"],
            Policy = policy,
            HoldOpenMilliseconds = 3000,
            StaffIdNumbers = [.. staff],
            StaffCardNumbers = [.. cards ?? []],
        };
        var door = new Door(options, new AccessDecider(policy), new CombinedAccessList(new AllowList(staff), AllowList.Empty), strike);
        return new DoorAccess([door], time, NullLogger<DoorAccess>.Instance);
    }

    private CardSwipe Swipe(string readerId, string idNumber) =>
        new(readerId, Direction.In, new CardData { Type = CardType.Resident, IdNumber = idNumber, Name = "张三" }, time.GetLocalNow());

    /// <summary>A strike that counts openings and holds until cancelled, as the fake clock never moves.</summary>
    private sealed class CountingDoor : IDoor
    {
        private int opened;

        public int Opened => Volatile.Read(ref opened);

        public bool Cancelled { get; private set; }

        public async Task OpenAsync(TimeSpan holdOpen, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref opened);
            try
            {
                await Task.Delay(Timeout.Infinite, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                Cancelled = true;
                throw;
            }
        }
    }
}
