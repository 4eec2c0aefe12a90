using System.IO.Ports;
using GateSync.Agent.Doors;
using GateSync.Agent.Readers.Sam;
using GateSync.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace GateSync.Agent.Tests.Doors;

/// <summary>The relay driver over a real pseudo-terminal pair, with the test as the relay board.</summary>
public sealed class LcusRelayTests : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    private SocatPtyPair pair = null!;
    private SerialPort board = null!;

    public async Task InitializeAsync()
    {
        pair = await SocatPtyPair.StartAsync();
        board = new SerialPort(pair.DeviceSide, 9600, Parity.None, 8, StopBits.One) { Handshake = Handshake.None };
        board.Open();
    }

    public Task DisposeAsync()
    {
        board.Dispose();
        pair.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Opening_closes_the_relay_then_releases_it_after_the_hold()
    {
        // The hold runs on the relay's clock, so a loaded machine cannot make the door look released early.
        var time = new FakeTimeProvider();
        using var relay = new LcusRelay(new SerialPortLinkFactory(pair.AgentSide, 9600), 1, time, NullLogger.Instance);
        var hold = TimeSpan.FromMilliseconds(500);

        var opening = relay.OpenAsync(hold, CancellationToken.None);
        var close = await ReceiveAsync(4);
        var release = ReceiveAsync(4);
        await Task.Delay(TimeSpan.FromMilliseconds(300));
        Assert.False(release.IsCompleted, "released before the hold passed");
        while (!release.IsCompleted)
        {
            time.Advance(hold);
            await Task.WhenAny(release, Task.Delay(TimeSpan.FromMilliseconds(200)));
        }

        await opening.WaitAsync(Patience);
        Assert.Equal(new byte[] { 0xA0, 0x01, 0x01, 0xA2 }, close);
        Assert.Equal(new byte[] { 0xA0, 0x01, 0x00, 0xA1 }, await release);
    }

    [Fact]
    public async Task Cancelled_opening_still_releases_the_relay()
    {
        using var relay = Relay(2);
        using var stop = new CancellationTokenSource();

        var opening = relay.OpenAsync(TimeSpan.FromHours(1), stop.Token);
        Assert.Equal(new byte[] { 0xA0, 0x02, 0x01, 0xA3 }, await ReceiveAsync(4));
        await stop.CancelAsync();

        Assert.Equal(new byte[] { 0xA0, 0x02, 0x00, 0xA2 }, await ReceiveAsync(4));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => opening.WaitAsync(Patience));
    }

    [Fact]
    public async Task Opening_an_open_door_again_does_not_restart_it()
    {
        using var relay = Relay(1);

        var first = relay.OpenAsync(TimeSpan.FromMilliseconds(500), CancellationToken.None);
        await ReceiveAsync(4);
        await relay.OpenAsync(TimeSpan.FromMilliseconds(500), CancellationToken.None).WaitAsync(Patience);
        await ReceiveAsync(4);
        await first.WaitAsync(Patience);

        Assert.Equal(0, board.BytesToRead);
    }

    [Fact]
    public async Task Missing_board_fails_the_opening_with_an_io_error()
    {
        pair.Stop();
        using var relay = Relay(1);

        await Assert.ThrowsAnyAsync<IOException>(() => relay.OpenAsync(TimeSpan.FromMilliseconds(10), CancellationToken.None));
    }

    private LcusRelay Relay(int number) =>
        new(new SerialPortLinkFactory(pair.AgentSide, 9600), number, TimeProvider.System, NullLogger.Instance);

    private async Task<byte[]> ReceiveAsync(int count)
    {
        var bytes = new byte[count];
        using var timeout = new CancellationTokenSource(Patience);
        for (var read = 0; read < count;)
        {
            read += await board.BaseStream.ReadAsync(bytes.AsMemory(read), timeout.Token);
        }

        return bytes;
    }
}
