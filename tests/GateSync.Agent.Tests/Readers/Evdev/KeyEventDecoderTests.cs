using GateSync.Agent.Readers.Evdev;
using GateSync.Agent.Readers.Line;

namespace GateSync.Agent.Tests.Readers.Evdev;

public class KeyEventDecoderTests
{
    [Fact]
    public void Typed_id_number_with_shifted_x_and_enter_is_one_token()
    {
        var tokens = new KeyEventDecoder(eventSize: KeyEventDecoder.EventSize64).Feed(InputEvents.Typing("11010519491231002X"));

        Assert.Equal(["11010519491231002X"], tokens.Select(t => t.Text));
    }

    [Fact]
    public void Key_codes_match_the_kernel_for_digits_and_x()
    {
        Assert.Equal(2, InputEvents.CodeOf('1'));
        Assert.Equal(10, InputEvents.CodeOf('9'));
        Assert.Equal(11, InputEvents.CodeOf('0'));
        Assert.Equal(45, InputEvents.CodeOf('x'));
    }

    [Fact]
    public void Events_split_at_every_byte_decode_the_same()
    {
        var decoder = new KeyEventDecoder();
        var tokens = new List<ReaderLine>();

        foreach (var b in InputEvents.Typing("0012345678", InputEvents.KeyKeypadEnter))
        {
            tokens.AddRange(decoder.Feed([b]));
        }

        Assert.Equal(["0012345678"], tokens.Select(t => t.Text));
    }

    [Fact]
    public void Lowercase_without_shift_and_tokens_in_sequence()
    {
        var tokens = new KeyEventDecoder().Feed([.. InputEvents.Typing("abc"), .. InputEvents.Typing("Z9")]);

        Assert.Equal(["abc", "Z9"], tokens.Select(t => t.Text));
    }

    [Fact]
    public void Auto_repeat_types_again_and_release_types_nothing()
    {
        byte[] stream =
        [
            .. InputEvents.Event(InputEvents.EvKey, InputEvents.CodeOf('5'), 1),
            .. InputEvents.Event(InputEvents.EvKey, InputEvents.CodeOf('5'), 2),
            .. InputEvents.Event(InputEvents.EvKey, InputEvents.CodeOf('5'), 0),
            .. InputEvents.Event(InputEvents.EvKey, InputEvents.KeyEnter, 1),
        ];

        Assert.Equal("55", Assert.Single(new KeyEventDecoder().Feed(stream)).Text);
    }

    [Fact]
    public void Enter_alone_is_no_token()
    {
        Assert.Empty(new KeyEventDecoder().Feed(InputEvents.Typing(string.Empty)));
    }

    [Fact]
    public void Overlong_typing_is_reported_and_the_next_token_is_read()
    {
        var decoder = new KeyEventDecoder(maxTokenLength: 20);

        var tokens = decoder.Feed([.. InputEvents.Typing(new string('1', 50)), .. InputEvents.Typing("42")]);

        Assert.Collection(
            tokens,
            t => Assert.Equal((LineProblem.Overlong, 50), (t.Problem, t.ByteCount)),
            t => Assert.Equal("42", t.Text));
    }

    [Fact]
    public void Sixteen_byte_events_of_a_32_bit_process_decode_the_same()
    {
        var events64 = InputEvents.Typing("11010519491231002X");
        var events32 = events64.Chunk(24).SelectMany(e => e[8..]).ToArray();

        var tokens = new KeyEventDecoder(eventSize: KeyEventDecoder.EventSize32).Feed(events32);

        Assert.Equal(["11010519491231002X"], tokens.Select(t => t.Text));
    }

    [Fact]
    public void Random_bytes_in_random_chunks_never_throw()
    {
        var random = new Random(467);
        for (var round = 0; round < 300; round++)
        {
            var decoder = new KeyEventDecoder(random.Next(1, 40), KeyEventDecoder.EventSize64);
            var stream = new byte[random.Next(0, 8192)];
            random.NextBytes(stream);

            // Half the rounds look like key events with random codes and values, the others are pure noise.
            if (round % 2 == 0)
            {
                for (var i = 0; i + 24 <= stream.Length; i += 24)
                {
                    stream[i + 16] = 1;
                    stream[i + 17] = 0;
                    stream[i + 19] = 0;
                }
            }

            for (var offset = 0; offset < stream.Length;)
            {
                var length = Math.Min(random.Next(1, 100), stream.Length - offset);
                foreach (var token in decoder.Feed(stream.AsSpan(offset, length)))
                {
                    Assert.True(token.Text is null ? token.Problem == LineProblem.Overlong : token.Text.Length > 0);
                }

                offset += length;
            }
        }
    }
}
