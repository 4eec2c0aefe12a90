using System.IO.Ports;
using System.Text;
using System.Threading.Channels;
using GateSync.Agent.Readers;
using GateSync.Agent.Readers.Line;
using GateSync.Agent.Readers.Sam;
using GateSync.Contracts.Wire;
using GateSync.Testing;
using Microsoft.Extensions.Logging.Abstractions;

namespace GateSync.Agent.Tests.Readers.Line;

/// <summary>The line reader end to end over a real pseudo-terminal pair, with the test as the card reader.</summary>
public sealed class LineSerialReaderTests : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    private readonly Channel<CardSwipe> swipes = Channel.CreateUnbounded<CardSwipe>();
    private readonly CancellationTokenSource stop = new();
    private readonly List<string> tokens = [];
    private SocatPtyPair pair = null!;
    private LineSerialReader reader = null!;
    private Task running = Task.CompletedTask;

    public async Task InitializeAsync()
    {
        pair = await SocatPtyPair.StartAsync();
        var options = new ReaderOptions
        {
            ReaderId = "gate-1",
            Kind = ReaderKind.LineSerial,
            Direction = Direction.In,
            Port = pair.AgentSide,
            BaudRate = 9600,
            MaxLineLength = 64,
        };
        reader = new LineSerialReader(
            options,
            new SerialPortLinkFactory(pair.AgentSide, 9600),
            new TokenReaderTimings { ReopenInterval = TimeSpan.FromMilliseconds(200) },
            TimeProvider.System,
            NullLogger.Instance,
            new RecordingTokenSink(tokens));
        running = Task.Run(() => reader.RunAsync(swipes.Writer, stop.Token));
        await Eventually.TrueAsync(() => reader.State == ReaderState.Ok, "the reader opened its port", Patience);
    }

    public async Task DisposeAsync()
    {
        await stop.CancelAsync();
        await Task.WhenAny(running, Task.Delay(Patience));
        Assert.True(running.IsCompleted, "the reader stops when cancelled");
        pair.Dispose();
        stop.Dispose();
    }

    [Fact]
    public async Task Id_number_line_from_the_reader_is_one_swipe()
    {
        Send("11010519491231002X\r\n");

        var swipe = await NextSwipeAsync();

        Assert.Equal("gate-1", swipe.ReaderId);
        Assert.Equal(Direction.In, swipe.Direction);
        Assert.Equal("11010519491231002X", swipe.Card.IdNumber);
        Assert.Equal(NumberOnlyCard.NameNotRead, swipe.Card.Name);
    }

    [Fact]
    public async Task Garbage_and_an_overlong_line_are_survived_and_a_repeat_counts_once()
    {
        SendBytes([0xFF, 0xFE, 0x00, 0xC3, 0x0D, 0x0A]);
        Send(new string('7', 500) + "\r\n");
        Send("11010519491231002X\r\n11010519491231002X\r\n");
        Send("0012345678\r\n");

        var swipe = await NextSwipeAsync();
        await Eventually.TrueAsync(() => Locked(() => tokens.Count) == 1, "the access card number went to the doors", Patience);

        Assert.Equal("11010519491231002X", swipe.Card.IdNumber);
        Assert.Equal(["0012345678"], Locked(() => tokens.ToArray()));
        Assert.False(swipes.Reader.TryRead(out _), "the repeated number within the debounce window is not a second swipe");
        Assert.Equal(ReaderState.Ok, reader.State);
    }

    [Fact]
    public async Task Unplugged_reader_is_absent_and_reads_again_when_plugged_back()
    {
        pair.Stop();
        await Eventually.TrueAsync(() => reader.State == ReaderState.Absent, "the reader noticed the unplug", Patience);

        await pair.RestartAsync();
        await Eventually.TrueAsync(() => reader.State == ReaderState.Ok, "the reader reopened its port", Patience);
        Send("11010519491231002X\r\n");

        Assert.Equal("11010519491231002X", (await NextSwipeAsync()).Card.IdNumber);
    }

    private void Send(string text) => SendBytes(Encoding.UTF8.GetBytes(text));

    private void SendBytes(byte[] bytes)
    {
        using var device = new SerialPort(pair.DeviceSide, 9600, Parity.None, 8, StopBits.One) { Handshake = Handshake.None };
        device.Open();
        device.Write(bytes, 0, bytes.Length);
        device.BaseStream.Flush();
    }

    private async Task<CardSwipe> NextSwipeAsync()
    {
        using var timeout = new CancellationTokenSource(Patience);
        return await swipes.Reader.ReadAsync(timeout.Token);
    }

    private T Locked<T>(Func<T> read)
    {
        lock (tokens)
        {
            return read();
        }
    }
}

/// <summary>Keeps the tokens a reader passed to the doors.</summary>
internal sealed class RecordingTokenSink(List<string> tokens) : IAccessTokenSink
{
    public void TokenRead(string readerId, string token)
    {
        lock (tokens)
        {
            tokens.Add(token);
        }
    }
}
