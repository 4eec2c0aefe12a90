using System.Threading.Channels;
using GateSync.Agent.Readers;
using GateSync.Agent.Readers.Sam;
using GateSync.Contracts.Wire;
using GateSync.Testing;
using GateSync.Testing.Sam;

namespace GateSync.Agent.Tests.Readers.Sam;

/// <summary>A real <see cref="SamReader"/> on one end of a socat pty pair and a <see cref="SamReaderEmulator"/> on the other.</summary>
public sealed class SamReaderRig : IAsyncDisposable
{
    /// <summary>Short waits so tests move quickly; the timeouts stay generous for a loaded machine.</summary>
    public static readonly SamTimings TestTimings = new()
    {
        CommandTimeout = TimeSpan.FromSeconds(3),
        ReadTimeout = TimeSpan.FromSeconds(5),
        ReopenInterval = TimeSpan.FromMilliseconds(200),
        FaultsBeforeError = 3,
        FaultsBeforeReopen = 10,
    };

    private readonly CancellationTokenSource stopping = new();
    private Task? running;

    private SamReaderRig(SocatPtyPair pty, SamTimings timings)
    {
        Pty = pty;
        var options = new ReaderOptions
        {
            ReaderId = "gate-1",
            Kind = ReaderKind.Sam,
            Direction = Direction.In,
            Port = pty.AgentSide,
            PollIntervalMilliseconds = 20,
        };
        Reader = new SamReader(options, new SerialPortLinkFactory(pty.AgentSide, options.BaudRate), timings, TimeProvider.System, Log);
    }

    public SocatPtyPair Pty { get; }

    public SamReaderEmulator? Emulator { get; private set; }

    public SamReader Reader { get; }

    public Channel<CardSwipe> Swipes { get; } = Channel.CreateUnbounded<CardSwipe>();

    public ListLogger<SamReader> Log { get; } = new();

    /// <summary>The pty pair and the emulator are up; the reader is not started yet.</summary>
    public static async Task<SamReaderRig> StartAsync(SamTimings? timings = null)
    {
        var rig = new SamReaderRig(await SocatPtyPair.StartAsync(), timings ?? TestTimings);
        rig.Emulator = SamReaderEmulator.Open(rig.Pty.DeviceSide);
        return rig;
    }

    public void StartReader() => running = Reader.RunAsync(Swipes.Writer, stopping.Token);

    public async Task<CardSwipe> NextSwipeAsync()
    {
        using var timeout = new CancellationTokenSource(Eventually.DefaultTimeout);
        try
        {
            return await Swipes.Reader.ReadAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            Assert.Fail($"no swipe within {Eventually.DefaultTimeout}; reader state {Reader.State}; log:\n{string.Join('\n', Log.Lines)}");
            throw;
        }
    }

    /// <summary>Waits for the reader to poll the emulator a few more times, long enough to emit a swipe it should not.</summary>
    public async Task LetTheReaderPollAsync(int cycles = 5)
    {
        var emulator = Emulator!;
        var target = emulator.FindsAnswered + cycles;
        await Eventually.TrueAsync(() => emulator.FindsAnswered >= target, $"{cycles} more find commands");
    }

    /// <summary>Unplugs the device: socat goes away, and with it both ptys.</summary>
    public async Task UnplugAsync()
    {
        Pty.Stop();
        await Emulator!.DisposeAsync();
        Emulator = null;
    }

    public async Task PlugInAsync()
    {
        await Pty.RestartAsync();
        Emulator = SamReaderEmulator.Open(Pty.DeviceSide);
    }

    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync();
        if (running is not null)
        {
            await running.WaitAsync(TimeSpan.FromSeconds(30));
        }

        if (Emulator is not null)
        {
            await Emulator.DisposeAsync();
        }

        Pty.Dispose();
        stopping.Dispose();
    }
}
