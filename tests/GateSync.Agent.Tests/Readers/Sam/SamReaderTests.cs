using GateSync.Contracts.Identity;
using GateSync.Contracts.Wire;
using GateSync.Testing;
using GateSync.Testing.Sam;

namespace GateSync.Agent.Tests.Readers.Sam;

/// <summary>The SAM reader over a real pty pair (socat) against an emulator that speaks the protocol.</summary>
public class SamReaderTests
{
    [Fact]
    public async Task Card_left_on_reader_counts_as_one_swipe()
    {
        await using var rig = await SamReaderRig.StartAsync();
        rig.StartReader();

        rig.Emulator!.PlaceCard(TestCards.FengrunLocal);
        var swipe = await rig.NextSwipeAsync();
        await rig.LetTheReaderPollAsync();

        Assert.Equal(TestCards.FengrunLocal, swipe.Card);
        Assert.Equal("gate-1", swipe.ReaderId);
        Assert.Equal(Direction.In, swipe.Direction);
        Assert.InRange(swipe.OccurredAt, DateTimeOffset.Now.AddMinutes(-5), DateTimeOffset.Now);
        Assert.True(rig.Emulator.ReadsAnswered > 1, "the card stayed on the reader and was read again");
        Assert.False(rig.Swipes.Reader.TryRead(out _), "a card left on the reader was counted twice");
        Assert.Equal(ReaderState.Ok, rig.Reader.State);
    }

    [Fact]
    public async Task Removing_and_replacing_a_card_counts_as_a_second_swipe()
    {
        await using var rig = await SamReaderRig.StartAsync();
        rig.StartReader();
        rig.Emulator!.PlaceCard(TestCards.Zhangsan);
        await rig.NextSwipeAsync();

        rig.Emulator.RemoveCard();
        await rig.LetTheReaderPollAsync(2);
        rig.Emulator.PlaceCard(TestCards.Zhangsan);
        var second = await rig.NextSwipeAsync();

        Assert.Equal(TestCards.Zhangsan, second.Card);
        Assert.Null(second.Card.ValidTo);
    }

    [Fact]
    public async Task Another_card_placed_without_a_gap_counts_at_once()
    {
        await using var rig = await SamReaderRig.StartAsync();
        rig.StartReader();
        rig.Emulator!.PlaceCard(TestCards.HenanWorker);
        await rig.NextSwipeAsync();

        rig.Emulator.PlaceCard(TestCards.HongKongPermit);
        var second = await rig.NextSwipeAsync();

        Assert.Equal(TestCards.HongKongPermit, second.Card);
    }

    [Fact]
    public async Task Garbage_and_corrupted_frames_on_the_line_are_survived()
    {
        await using var rig = await SamReaderRig.StartAsync();
        var emulator = rig.Emulator!;
        await emulator.SendGarbageAsync([0x00, 0xFF, 0xAA, 0xAA, 0xAA, 0x96, 0x69, 0xFF, 0xFF, 0x13]);
        emulator.Enqueue(new SamEmulatorFault.Garbage([0xAA, 0xAA, 0x55, 0xAA, 0xAA, 0xAA, 0x96, 0x69, 0x00, 0x01, 0x42]));
        emulator.Enqueue(new SamEmulatorFault.BadChecksum());
        emulator.Enqueue(new SamEmulatorFault.Garbage([0x96, 0x69, 0x00, 0x04, 0x00, 0x00]));
        emulator.PlaceCard(TestCards.Tangshan130221);
        rig.StartReader();

        var swipe = await rig.NextSwipeAsync();

        Assert.Equal(TestCards.Tangshan130221, swipe.Card);
        await Eventually.TrueAsync(() => rig.Reader.State == ReaderState.Ok, "the reader is ok");
    }

    [Fact]
    public async Task A_corrupted_read_response_is_retried_and_counted_once()
    {
        await using var rig = await SamReaderRig.StartAsync();
        rig.StartReader();
        await rig.LetTheReaderPollAsync(1);
        var emulator = rig.Emulator!;

        emulator.Enqueue(new SamEmulatorFault.BadChecksum(), SamReaderEmulator.ReadText);
        emulator.PlaceCard(TestCards.ForeignPermanent);
        var swipe = await rig.NextSwipeAsync();
        await rig.LetTheReaderPollAsync();

        Assert.Equal(TestCards.ForeignPermanent, swipe.Card);
        Assert.False(rig.Swipes.Reader.TryRead(out _));
    }

    [Fact]
    public async Task Repeated_sam_errors_report_error_and_the_reader_recovers()
    {
        await using var rig = await SamReaderRig.StartAsync();
        rig.StartReader();
        await Eventually.TrueAsync(() => rig.Reader.State == ReaderState.Ok, "the reader is ok");
        var emulator = rig.Emulator!;

        for (var i = 0; i < 1000; i++)
        {
            emulator.Enqueue(new SamEmulatorFault.Status(SamReaderEmulator.SamNotAuthorised));
        }

        await Eventually.TrueAsync(() => rig.Reader.State == ReaderState.Error, "the reader reports an error");
        emulator.ClearFaults();
        emulator.PlaceCard(TestCards.Zhangsan);

        Assert.Equal(TestCards.Zhangsan, (await rig.NextSwipeAsync()).Card);
        await Eventually.TrueAsync(() => rig.Reader.State == ReaderState.Ok, "the reader is ok again");
    }

    [Fact]
    public async Task A_silent_sam_is_an_error()
    {
        await using var rig = await SamReaderRig.StartAsync(SamReaderRig.TestTimings with { CommandTimeout = TimeSpan.FromSeconds(1) });
        rig.StartReader();
        await Eventually.TrueAsync(() => rig.Reader.State == ReaderState.Ok, "the reader is ok");

        for (var i = 0; i < 1000; i++)
        {
            rig.Emulator!.Enqueue(new SamEmulatorFault.Silence());
        }

        await Eventually.TrueAsync(() => rig.Reader.State == ReaderState.Error, "the reader reports an error");
        rig.Emulator!.ClearFaults();
        await Eventually.TrueAsync(() => rig.Reader.State == ReaderState.Ok, "the reader is ok again");
    }

    [Fact]
    public async Task Reader_reports_absent_when_the_port_disappears_and_recovers_when_it_returns()
    {
        await using var rig = await SamReaderRig.StartAsync();
        rig.StartReader();
        rig.Emulator!.PlaceCard(TestCards.FengrunLocal);
        await rig.NextSwipeAsync();

        await rig.UnplugAsync();
        await Eventually.TrueAsync(() => rig.Reader.State == ReaderState.Absent, "the reader reports absent");

        await rig.PlugInAsync();
        rig.Emulator!.PlaceCard(TestCards.HenanWorker);
        var swipe = await rig.NextSwipeAsync();

        Assert.Equal(TestCards.HenanWorker, swipe.Card);
        Assert.Equal(ReaderState.Ok, rig.Reader.State);
    }

    [Fact]
    public async Task A_reader_started_before_its_device_is_plugged_in_connects_when_it_is()
    {
        await using var rig = await SamReaderRig.StartAsync();
        await rig.UnplugAsync();
        rig.StartReader();
        await Task.Delay(500);
        Assert.Equal(ReaderState.Absent, rig.Reader.State);

        await rig.PlugInAsync();
        rig.Emulator!.PlaceCard(TestCards.Zhangsan);

        Assert.Equal(TestCards.Zhangsan, (await rig.NextSwipeAsync()).Card);
    }

    [Fact]
    public async Task A_malformed_card_is_logged_and_skipped_and_the_next_card_is_read()
    {
        await using var rig = await SamReaderRig.StartAsync();
        rig.StartReader();
        var block = SamTextBlockEncoder.Encode(TestCards.Zhangsan with { IdNumber = "110105194912310021" });
        rig.Emulator!.PlaceTextBlock(block);
        await Eventually.TrueAsync(() => rig.Emulator.ReadsAnswered >= 2, "the malformed card was read");

        rig.Emulator.PlaceCard(TestCards.HenanWorker);

        Assert.Equal(TestCards.HenanWorker, (await rig.NextSwipeAsync()).Card);
        Assert.Contains(rig.Log.Lines, line => line.Contains("could not be decoded", StringComparison.Ordinal));
        Assert.Equal(ReaderState.Ok, rig.Reader.State);
    }

    [Fact]
    public async Task Log_lines_never_carry_a_full_id_number()
    {
        await using var rig = await SamReaderRig.StartAsync();
        rig.StartReader();
        rig.Emulator!.PlaceCard(TestCards.FengrunLocal);
        await rig.NextSwipeAsync();

        var masked = PersonalDataMask.IdNumber(TestCards.FengrunLocal.IdNumber);
        Assert.Contains(rig.Log.Lines, line => line.Contains(masked, StringComparison.Ordinal));
        Assert.DoesNotContain(rig.Log.Lines, line => line.Contains(TestCards.FengrunLocal.IdNumber, StringComparison.Ordinal));
    }
}
