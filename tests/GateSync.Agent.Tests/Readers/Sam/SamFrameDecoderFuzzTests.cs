using GateSync.Agent.Readers.Sam;

namespace GateSync.Agent.Tests.Readers.Sam;

/// <summary>Property tests with fixed seeds: whatever arrives on the line, the decoder answers and moves on.</summary>
public class SamFrameDecoderFuzzTests
{
    public static TheoryData<int> Seeds => [.. Enumerable.Range(1, 12)];

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Random_bytes_never_make_the_decoder_throw_or_stall(int seed)
    {
        var random = new Random(seed);
        for (var iteration = 0; iteration < 2000; iteration++)
        {
            var bytes = RandomLine(random, wholePreambles: true);
            DrainAll(bytes);
        }
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Mutated_frames_never_make_the_decoder_throw_or_stall(int seed)
    {
        var random = new Random(seed);
        for (var iteration = 0; iteration < 1000; iteration++)
        {
            var frame = RandomFrame(random, out _);
            for (var flips = random.Next(1, 4); flips > 0; flips--)
            {
                frame[random.Next(frame.Length)] = (byte)random.Next(256);
            }

            DrainAll([.. RandomLine(random, wholePreambles: true), .. frame, .. RandomLine(random, wholePreambles: true)]);
        }
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void A_frame_behind_noise_is_found(int seed)
    {
        var random = new Random(seed);
        for (var iteration = 0; iteration < 1000; iteration++)
        {
            // Noise with partial preambles only: a whole one with a plausible length could, as on a real line,
            // claim the bytes of the frame behind it.
            var frame = RandomFrame(random, out var data);

            var frames = DrainAll([.. RandomLine(random, wholePreambles: false), .. frame]);

            Assert.Equal(data, Assert.Single(frames));
        }
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void A_frame_split_into_random_reads_decodes_the_same(int seed)
    {
        var random = new Random(seed);
        for (var iteration = 0; iteration < 200; iteration++)
        {
            var data = new byte[random.Next(0, 1300)];
            random.NextBytes(data);
            var frame = SamFrame.EncodeResponse(SamStatus.Success, data);

            var buffer = new List<byte>();
            byte[]? decoded = null;
            var offset = 0;
            while (decoded is null)
            {
                Assert.True(offset < frame.Length, "the whole frame arrived without being decoded");
                var chunk = Math.Min(random.Next(1, 200), frame.Length - offset);
                buffer.AddRange(frame.AsSpan(offset, chunk));
                offset += chunk;
                var result = SamFrameDecoder.DecodeResponse(buffer.ToArray());
                if (result.Outcome == SamDecodeOutcome.Frame)
                {
                    decoded = result.ResponseData.ToArray();
                }
                else
                {
                    Assert.Equal(SamDecodeOutcome.NeedMoreBytes, result.Outcome);
                    buffer.RemoveRange(0, result.Consumed);
                }
            }

            Assert.Equal(data, decoded);
        }
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Random_read_responses_and_text_blocks_give_results_not_exceptions(int seed)
    {
        var random = new Random(seed);
        for (var iteration = 0; iteration < 2000; iteration++)
        {
            var data = new byte[random.Next(0, 1400)];
            random.NextBytes(data);
            if (data.Length >= 4 && random.Next(2) == 0)
            {
                // Make the lengths plausible so the text block itself is exercised.
                data[0] = 0x01;
                data[1] = 0x00;
                data[2] = 0x00;
                data[3] = 0x00;
            }

            var response = SamReadResponse.Parse(data);
            Assert.True(response.IsValid || response.Error is not null);

            var block = new byte[SamTextBlock.Length];
            random.NextBytes(block);
            var text = SamTextBlock.Parse(block);
            Assert.True(text.IsValid || text.Error is not null);
        }
    }

    private static byte[] RandomFrame(Random random, out byte[] data)
    {
        data = new byte[random.Next(0, 1400)];
        random.NextBytes(data);
        return SamFrame.EncodeResponse((SamStatus)random.Next(256), data);
    }

    /// <summary>Random bytes, rich in preamble fragments so that the interesting paths are taken.</summary>
    private static byte[] RandomLine(Random random, bool wholePreambles)
    {
        var bytes = new List<byte>();
        var length = random.Next(0, 300);
        while (bytes.Count < length)
        {
            switch (random.Next(4))
            {
                case 0:
                    bytes.AddRange(SamFrame.Preamble[..random.Next(1, SamFrame.PreambleLength)]);
                    break;
                case 1 when wholePreambles:
                    bytes.AddRange([.. SamFrame.Preamble, (byte)random.Next(20), (byte)random.Next(256)]);
                    break;
                default:
                    // Any byte but the preamble's last, so no whole preamble forms by chance unless asked for.
                    bytes.Add((byte)(wholePreambles ? random.Next(256) : random.Next(0x6A, 0x100)));
                    break;
            }
        }

        return [.. bytes];
    }

    /// <summary>Decodes until the decoder needs more bytes; returns the data of the frames found.</summary>
    private static List<byte[]> DrainAll(byte[] bytes)
    {
        var frames = new List<byte[]>();
        var offset = 0;
        while (true)
        {
            var result = SamFrameDecoder.DecodeResponse(bytes.AsSpan(offset));
            Assert.InRange(result.Consumed, 0, bytes.Length - offset);
            if (result.Outcome == SamDecodeOutcome.NeedMoreBytes)
            {
                return frames;
            }

            Assert.True(result.Consumed > 0, "a step that is not 'need more bytes' must consume");
            if (result.Outcome == SamDecodeOutcome.Frame)
            {
                frames.Add(result.ResponseData.ToArray());
            }

            offset += result.Consumed;
        }
    }
}
