using System.Threading.Channels;
using GateSync.Agent.Readers;
using GateSync.Agent.Readers.Sam;
using GateSync.Contracts.Wire;
using GateSync.Testing;
using GateSync.Testing.Sam;
using Microsoft.Extensions.Time.Testing;

namespace GateSync.Agent.Tests.Readers.Sam;

/// <summary>The reader's waits and timestamps run on its TimeProvider, so these tests move time by hand.</summary>
public sealed class SamReaderClockTests : IAsyncDisposable
{
    private static readonly DateTimeOffset Morning = new(2026, 11, 24, 7, 58, 12, TimeSpan.FromHours(8));

    private readonly FakeTimeProvider time = new(Morning);
    private readonly ScriptedSamLink sam = new();
    private readonly Channel<CardSwipe> swipes = Channel.CreateUnbounded<CardSwipe>();
    private readonly CancellationTokenSource stopping = new();
    private readonly SamReader reader;
    private Task? running;

    public SamReaderClockTests()
    {
        var options = new ReaderOptions { ReaderId = "gate-2", Kind = ReaderKind.Sam, Direction = Direction.Out, Port = "scripted" };
        reader = new SamReader(options, sam, new SamTimings(), time, new ListLogger<SamReader>());
    }

    [Fact]
    public async Task A_swipe_is_stamped_with_the_time_providers_clock()
    {
        sam.Answer = CardOnReader(TestCards.HenanWorker);
        Start();

        var swipe = await swipes.Reader.ReadAsync();

        Assert.Equal(Morning, swipe.OccurredAt);
        Assert.Equal(Direction.Out, swipe.Direction);
        Assert.Equal(TestCards.HenanWorker, swipe.Card);
    }

    [Fact]
    public async Task A_sam_that_never_answers_is_an_error_only_after_three_timeouts()
    {
        var timings = new SamTimings();
        Start();

        await AdvanceUntilAsync(() => reader.State == ReaderState.Error, "the reader reports an error");

        Assert.True(time.GetUtcNow() - Morning >= timings.FaultsBeforeError * timings.CommandTimeout, "error reported before three timeouts");
        Assert.InRange(sam.CommandsReceived, timings.FaultsBeforeError, timings.FaultsBeforeError + 1);

        sam.Answer = CardOnReader(null);
        await AdvanceUntilAsync(() => reader.State == ReaderState.Ok, "the reader recovers once the SAM answers");
    }

    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync();
        if (running is not null)
        {
            await running.WaitAsync(TimeSpan.FromSeconds(30));
        }

        stopping.Dispose();
    }

    private static Func<SamCommand, byte[]?> CardOnReader(CardData? card) => command =>
    {
        if (card is null)
        {
            return SamFrame.EncodeResponse(SamStatus.NoCard);
        }

        if (command == SamCommand.FindCard)
        {
            return SamFrame.EncodeResponse(SamStatus.FindSuccess, [0, 0, 0, 0]);
        }

        if (command == SamCommand.SelectCard)
        {
            return SamFrame.EncodeResponse(SamStatus.Success, new byte[8]);
        }

        var text = SamTextBlockEncoder.Encode(card);
        return SamFrame.EncodeResponse(SamStatus.Success, [0x01, 0x00, 0x00, 0x00, .. text]);
    };

    /// <summary>Moves the fake clock in small steps, so that every timer the reader sets on the way fires.</summary>
    private Task AdvanceUntilAsync(Func<bool> condition, string what) =>
        Eventually.TrueAsync(
            () =>
            {
                time.Advance(TimeSpan.FromMilliseconds(100));
                return condition();
            },
            what);

    private void Start() => running = reader.RunAsync(swipes.Writer, stopping.Token);
}
