using GateSync.Agent.Doors;
using GateSync.Agent.Outbox;
using GateSync.Agent.Readers;
using GateSync.Agent.Tests.Infrastructure;
using GateSync.Contracts.Wire;
using GateSync.Testing;
using Microsoft.Extensions.Logging.Abstractions;

namespace GateSync.Agent.Tests.Outbox;

public sealed class SwipeRecorderTests
{
    [Fact]
    public async Task Swipes_from_the_channel_become_numbered_recorded_check_ins_and_wake_the_publisher()
    {
        using var directory = new TempDirectory();
        using var outbox = new CheckInOutbox(directory.Path, "site-1", "agent-1", TimeProvider.System, NullLogger<CheckInOutbox>.Instance);
        var signal = new OutboxSignal();
        var channel = SwipeChannel.Create();
        using var recorder = new SwipeRecorder(channel.Reader, NoDoors(), outbox, signal, TimeProvider.System, NullLogger<SwipeRecorder>.Instance);
        await recorder.StartAsync(CancellationToken.None);

        for (var i = 0; i < 3; i++)
        {
            await channel.Writer.WriteAsync(TestSwipes.At(i));
        }

        await Eventually.TrueAsync(() => outbox.LastSeq == 3, "3 check-ins recorded");
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await signal.WaitAsync(timeout.Token);
        var pending = outbox.Pending(0, 10);
        Assert.Equal([1L, 2L, 3L], pending.Select(e => e.Seq));
        Assert.All(pending, e => Assert.Equal(AccessDecision.Recorded, e.Decode().Access));
        Assert.Equal(TestSwipes.At(1).Card, pending[1].Decode().Card);

        await recorder.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task Swipes_still_in_the_channel_at_shutdown_are_recorded()
    {
        using var directory = new TempDirectory();
        using var outbox = new CheckInOutbox(directory.Path, "site-1", "agent-1", TimeProvider.System, NullLogger<CheckInOutbox>.Instance);
        var channel = SwipeChannel.Create();
        using var recorder = new SwipeRecorder(channel.Reader, NoDoors(), outbox, new OutboxSignal(), TimeProvider.System, NullLogger<SwipeRecorder>.Instance);
        await recorder.StartAsync(CancellationToken.None);
        await channel.Writer.WriteAsync(TestSwipes.At(0));
        await Eventually.TrueAsync(() => outbox.LastSeq == 1, "the recorder running");

        // Far more than it can store before the stop below arrives: the rest is drained from the channel on the way out.
        for (var i = 0; i < 200; i++)
        {
            channel.Writer.TryWrite(TestSwipes.At(i));
        }

        await recorder.StopAsync(CancellationToken.None);

        Assert.Equal(201, outbox.LastSeq);
    }

    [Fact]
    public async Task A_swipe_at_a_door_records_the_doors_decision()
    {
        using var directory = new TempDirectory();
        using var outbox = new CheckInOutbox(directory.Path, "site-1", "agent-1", TimeProvider.System, NullLogger<CheckInOutbox>.Instance);
        var channel = SwipeChannel.Create();
        var gate = new DoorOptions { DoorId = "front", ReaderIds = [TestSwipes.At(0).ReaderId], Policy = AccessPolicy.ValidCard };
        await using var doors = DoorAccess.Create([gate], AllowList.Empty, TimeProvider.System, NullLoggerFactory.Instance);
        using var recorder = new SwipeRecorder(channel.Reader, doors, outbox, new OutboxSignal(), TimeProvider.System, NullLogger<SwipeRecorder>.Instance);
        await recorder.StartAsync(CancellationToken.None);

        await channel.Writer.WriteAsync(TestSwipes.At(0));

        await Eventually.TrueAsync(() => outbox.LastSeq == 1, "the swipe recorded");
        Assert.Equal(AccessDecision.Granted, outbox.Pending(0, 1).Single().Decode().Access);
        await recorder.StopAsync(CancellationToken.None);
    }

    private static DoorAccess NoDoors() => new([], TimeProvider.System, NullLogger<DoorAccess>.Instance);
}
