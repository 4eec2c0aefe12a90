using System.Threading.Channels;
using GateSync.Agent.Readers;
using GateSync.Agent.Readers.Evdev;
using GateSync.Agent.Readers.Line;
using GateSync.Contracts.Wire;
using GateSync.Testing;
using Microsoft.Extensions.Logging.Abstractions;

namespace GateSync.Agent.Tests.Readers.Evdev;

/// <summary>
/// The keyboard reader over an event-stream file in place of <c>/dev/input/…</c>: the same reads and the same grab
/// attempt, which a regular file refuses (ENOTTY), as a device the agent may not grab would.
/// </summary>
public sealed class EvdevKeyboardReaderTests : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    private readonly TempDirectory directory = new();
    private readonly Channel<CardSwipe> swipes = Channel.CreateUnbounded<CardSwipe>();

    [Fact]
    public async Task Typed_id_number_and_enter_is_one_swipe_even_when_the_grab_is_refused()
    {
        var device = directory.File("usb-Reader-event-kbd");
        await File.WriteAllBytesAsync(device, [.. InputEvents.Typing("11010519491231002X"), .. InputEvents.Typing("11010519491231002X")]);
        var reader = Reader(device);
        using var stop = new CancellationTokenSource();

        var running = Task.Run(() => reader.RunAsync(swipes.Writer, stop.Token));
        using var timeout = new CancellationTokenSource(Patience);
        var swipe = await swipes.Reader.ReadAsync(timeout.Token);
        await stop.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => running.WaitAsync(Patience));

        Assert.Equal("door-kbd", swipe.ReaderId);
        Assert.Equal(Direction.Out, swipe.Direction);
        Assert.Equal("11010519491231002X", swipe.Card.IdNumber);
        Assert.False(swipes.Reader.TryRead(out _), "the second reading within the debounce window is the same swipe");
    }

    [Fact]
    public async Task Missing_device_is_absent_until_it_appears()
    {
        var device = directory.File("usb-Reader-event-kbd");
        var reader = Reader(device);
        using var stop = new CancellationTokenSource();

        var running = Task.Run(() => reader.RunAsync(swipes.Writer, stop.Token));
        await Task.Delay(300);
        Assert.Equal(ReaderState.Absent, reader.State);
        await File.WriteAllBytesAsync(device, InputEvents.Typing("11010519491231002X"));
        using var timeout = new CancellationTokenSource(Patience);
        var swipe = await swipes.Reader.ReadAsync(timeout.Token);
        await stop.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => running.WaitAsync(Patience));

        Assert.Equal("11010519491231002X", swipe.Card.IdNumber);
    }

    [Fact]
    public async Task Cancelling_stops_a_reader_waiting_on_a_silent_device()
    {
        // A FIFO with a writer that never writes: a read on it would block forever, poll lets the reader notice the stop.
        var fifo = directory.File("silent-event-kbd");
        using (var mkfifo = System.Diagnostics.Process.Start("mkfifo", [fifo]))
        {
            await mkfifo.WaitForExitAsync();
        }

        var reader = Reader(fifo);
        using var stop = new CancellationTokenSource();
        var running = Task.Run(() => reader.RunAsync(swipes.Writer, stop.Token));
        await using var writer = new FileStream(fifo, FileMode.Open, FileAccess.Write);
        await Eventually.TrueAsync(() => reader.State == ReaderState.Ok, "the reader opened the FIFO", Patience);

        await stop.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => running.WaitAsync(Patience));
    }

    public void Dispose() => directory.Dispose();

    private static EvdevKeyboardReader Reader(string device) =>
        new(
            new ReaderOptions { ReaderId = "door-kbd", Kind = ReaderKind.EvdevKeyboard, Direction = Direction.Out, DevicePath = device },
            new TokenReaderTimings { ReopenInterval = TimeSpan.FromMilliseconds(100) },
            TimeProvider.System,
            NullLogger.Instance);
}
