using GateSync.Agent.Readers.Sam;

namespace GateSync.Agent.Tests.Readers.Sam;

public class SamFrameTests
{
    [Theory]
    [InlineData(0x20, 0x01, "AAAAAA9669000320 0122")]
    [InlineData(0x20, 0x02, "AAAAAA9669000320 0221")]
    [InlineData(0x30, 0x01, "AAAAAA9669000330 0132")]
    [InlineData(0x10, 0xFF, "AAAAAA966900031 0FFEC")]
    public void Commands_encode_to_the_bytes_readers_expect(byte code, byte parameter, string expectedHex)
    {
        var frame = SamFrame.EncodeCommand(new SamCommand(code, parameter));

        Assert.Equal(expectedHex.Replace(" ", string.Empty, StringComparison.Ordinal), Convert.ToHexString(frame));
    }

    [Fact]
    public void A_find_success_response_as_sent_by_a_reader_decodes()
    {
        var bytes = Convert.FromHexString("AAAAAA96690008" + "00009F00000000" + "97");

        var result = SamFrameDecoder.DecodeResponse(bytes);

        Assert.Equal(SamDecodeOutcome.Frame, result.Outcome);
        Assert.Equal(SamStatus.FindSuccess, result.Status);
        Assert.Equal(4, result.ResponseData.Length);
        Assert.Equal(bytes.Length, result.Consumed);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(255)]
    [InlineData(1290)]
    [InlineData(SamFrame.MaxLength - 4)]
    public void Responses_round_trip(int dataLength)
    {
        var data = new byte[dataLength];
        new Random(dataLength).NextBytes(data);
        foreach (var status in Enum.GetValues<SamStatus>())
        {
            var frame = SamFrame.EncodeResponse(status, data);

            var result = SamFrameDecoder.DecodeResponse(frame);

            Assert.Equal(SamDecodeOutcome.Frame, result.Outcome);
            Assert.Equal(status, result.Status);
            Assert.Equal(data, result.ResponseData.ToArray());
            Assert.Equal(frame.Length, result.Consumed);
        }
    }

    [Fact]
    public void Commands_round_trip()
    {
        var frame = SamFrame.EncodeCommand(SamCommand.ReadText, [1, 2, 3]);

        var result = SamFrameDecoder.DecodeCommand(frame);

        Assert.Equal(SamDecodeOutcome.Frame, result.Outcome);
        Assert.Equal(new byte[] { 0x30, 0x01, 1, 2, 3 }, result.Body.ToArray());
    }

    [Fact]
    public void A_frame_arriving_in_pieces_needs_more_bytes_until_its_last_byte()
    {
        var frame = SamFrame.EncodeResponse(SamStatus.Success, new byte[40]);

        for (var arrived = 0; arrived < frame.Length; arrived++)
        {
            var partial = SamFrameDecoder.DecodeResponse(frame.AsSpan(0, arrived));
            Assert.Equal(SamDecodeOutcome.NeedMoreBytes, partial.Outcome);
            Assert.Equal(0, partial.Consumed);
        }

        Assert.Equal(SamDecodeOutcome.Frame, SamFrameDecoder.DecodeResponse(frame).Outcome);
    }

    [Fact]
    public void A_wrong_checksum_is_reported_and_only_the_preamble_is_skipped()
    {
        var frame = SamFrame.EncodeResponse(SamStatus.Success, [1, 2, 3]);
        frame[^1] ^= 0x5A;

        var result = SamFrameDecoder.DecodeResponse(frame);

        Assert.Equal(SamDecodeOutcome.BadChecksum, result.Outcome);
        Assert.Equal(SamFrame.PreambleLength, result.Consumed);
    }

    [Theory]
    [InlineData(0x0000)]
    [InlineData(0x0003)]
    [InlineData(SamFrame.MaxLength + 1)]
    [InlineData(0xFFFF)]
    public void An_impossible_length_is_reported(int length)
    {
        byte[] bytes = [7, 7, 0xAA, 0xAA, 0xAA, 0x96, 0x69, (byte)(length >> 8), (byte)length, 0, 0, 0x90, 0];

        var result = SamFrameDecoder.DecodeResponse(bytes);

        Assert.Equal(SamDecodeOutcome.BadLength, result.Outcome);
        Assert.Equal(2 + SamFrame.PreambleLength, result.Consumed);
    }

    [Fact]
    public void A_command_may_be_shorter_than_a_response()
    {
        byte[] bytes = [0xAA, 0xAA, 0xAA, 0x96, 0x69, 0x00, 0x03, 0x20, 0x01, 0x22];

        Assert.Equal(SamDecodeOutcome.Frame, SamFrameDecoder.DecodeCommand(bytes).Outcome);
        Assert.Equal(SamDecodeOutcome.BadLength, SamFrameDecoder.DecodeResponse(bytes).Outcome);
    }

    [Fact]
    public void Garbage_before_a_frame_is_consumed_with_it()
    {
        byte[] garbage = [0x00, 0xAA, 0xAA, 0x96, 0x69, 0xAA, 0xFF, 0xAA];
        var frame = SamFrame.EncodeResponse(SamStatus.NoCard);

        var result = SamFrameDecoder.DecodeResponse([.. garbage, .. frame]);

        Assert.Equal(SamDecodeOutcome.Frame, result.Outcome);
        Assert.Equal(SamStatus.NoCard, result.Status);
        Assert.Equal(garbage.Length + frame.Length, result.Consumed);
    }

    [Fact]
    public void Garbage_without_a_preamble_is_dropped_but_a_possible_preamble_start_is_kept()
    {
        byte[] bytes = [1, 2, 3, 4, 5, 6, 0xAA, 0xAA, 0xAA, 0x96];

        var result = SamFrameDecoder.DecodeResponse(bytes);

        Assert.Equal(SamDecodeOutcome.NeedMoreBytes, result.Outcome);
        Assert.Equal(bytes.Length - 4, result.Consumed);
    }

    [Fact]
    public void The_decoder_resynchronises_on_the_next_preamble_after_a_corrupted_frame()
    {
        var bad = SamFrame.EncodeResponse(SamStatus.Success, [9, 9, 9]);
        bad[8] ^= 0x01;
        var good = SamFrame.EncodeResponse(SamStatus.FindSuccess, [0, 0, 0, 0]);
        byte[] stream = [.. bad, 0x13, 0x37, .. good];

        var outcomes = new List<SamDecodeOutcome>();
        var offset = 0;
        while (true)
        {
            var result = SamFrameDecoder.DecodeResponse(stream.AsSpan(offset));
            outcomes.Add(result.Outcome);
            offset += result.Consumed;
            if (result.Outcome is SamDecodeOutcome.Frame or SamDecodeOutcome.NeedMoreBytes)
            {
                Assert.Equal(SamStatus.FindSuccess, result.Status);
                break;
            }
        }

        Assert.Equal([SamDecodeOutcome.BadChecksum, SamDecodeOutcome.Frame], outcomes);
        Assert.Equal(stream.Length, offset);
    }

    [Fact]
    public void Status_faults_of_the_sam_are_told_from_card_problems()
    {
        Assert.True(SamStatus.SamNotAuthorised.IsSamFault());
        Assert.True(SamStatus.FrameChecksumError.IsSamFault());
        Assert.False(SamStatus.NoCard.IsSamFault());
        Assert.False(SamStatus.ReadFailed.IsSamFault());
        Assert.False(SamStatus.SamAuthenticationOfCardFailed.IsSamFault());
    }
}
