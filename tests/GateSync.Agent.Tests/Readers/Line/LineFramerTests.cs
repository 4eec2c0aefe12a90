using System.Text;
using GateSync.Agent.Readers.Line;

namespace GateSync.Agent.Tests.Readers.Line;

public class LineFramerTests
{
    private static IReadOnlyList<ReaderLine> FeedAll(LineFramer framer, params byte[][] chunks) =>
        [.. chunks.SelectMany(chunk => framer.Feed(chunk))];

    private static byte[] Bytes(string text) => Encoding.UTF8.GetBytes(text);

    [Fact]
    public void Crlf_line_becomes_its_text()
    {
        var lines = new LineFramer(LineFraming.Default).Feed(Bytes("11010519491231002X\r\n"));

        Assert.Equal(["11010519491231002X"], lines.Select(l => l.Text));
    }

    [Fact]
    public void Line_split_across_reads_and_terminator_split_between_cr_and_lf_is_one_line()
    {
        var framer = new LineFramer(LineFraming.Default);

        var lines = FeedAll(framer, Bytes("1101051949"), Bytes("1231002X\r"), Bytes("\n"));

        Assert.Equal(["11010519491231002X"], lines.Select(l => l.Text));
    }

    [Fact]
    public void Several_lines_in_one_read_come_out_in_order()
    {
        var lines = new LineFramer(LineFraming.Default).Feed(Bytes("A1\r\nB2\r\nC3\r\n"));

        Assert.Equal(["A1", "B2", "C3"], lines.Select(l => l.Text));
    }

    [Theory]
    [InlineData("LF", "123\n456\n")]
    [InlineData("CR", "123\r456\r")]
    [InlineData("0x03", "123\u0003456\u0003")]
    [InlineData("3", "123\u0003456\u0003")]
    public void Configured_terminator_ends_lines(string terminator, string stream)
    {
        var framing = LineFraming.From(new() { LineTerminator = terminator });

        var lines = new LineFramer(framing).Feed(Bytes(stream));

        Assert.Equal(["123", "456"], lines.Select(l => l.Text));
    }

    [Fact]
    public void Stx_and_etx_around_the_number_are_stripped()
    {
        var framing = LineFraming.From(new() { LineStripPrefix = "0x02", LineStripSuffix = "0x03" });

        var lines = new LineFramer(framing).Feed([0x02, .. Bytes("12345678"), 0x03, 0x0D, 0x0A]);

        Assert.Equal(["12345678"], lines.Select(l => l.Text));
    }

    [Fact]
    public void Overlong_line_is_reported_once_and_the_next_line_is_read()
    {
        var framer = new LineFramer(LineFraming.Default with { MaxLength = 32 });

        var lines = FeedAll(framer, Bytes(new string('9', 100)), Bytes(new string('9', 100) + "\r\n"), Bytes("OK\r\n"));

        Assert.Collection(
            lines,
            l => Assert.Equal((LineProblem.Overlong, 200), (l.Problem, l.ByteCount)),
            l => Assert.Equal("OK", l.Text));
    }

    [Fact]
    public void Line_of_exactly_the_maximum_length_is_kept()
    {
        var framer = new LineFramer(LineFraming.Default with { MaxLength = 18 });

        var lines = framer.Feed(Bytes("11010519491231002X\r\n"));

        Assert.Equal("11010519491231002X", Assert.Single(lines).Text);
    }

    [Fact]
    public void Bytes_that_are_not_utf8_make_an_unreadable_line_not_an_exception()
    {
        var lines = new LineFramer(LineFraming.Default).Feed([0xFF, 0xFE, 0xC3, 0x0D, 0x0A]);

        Assert.Equal(LineProblem.NotText, Assert.Single(lines).Problem);
    }

    [Fact]
    public void Ascii_framing_rejects_bytes_above_127_but_utf8_reads_chinese_qr_text()
    {
        var text = Bytes("门禁码\r\n");

        var ascii = new LineFramer(LineFraming.Default with { Encoding = LineTextEncoding.Ascii }).Feed(text);
        var utf8 = new LineFramer(LineFraming.Default).Feed(text);

        Assert.Equal(LineProblem.NotText, Assert.Single(ascii).Problem);
        Assert.Equal("门禁码", Assert.Single(utf8).Text);
    }

    [Fact]
    public void Blank_lines_and_padding_are_ignored()
    {
        var lines = new LineFramer(LineFraming.Default).Feed(Bytes("\r\n  \r\n\0 1234 \0\r\n"));

        Assert.Equal(["1234"], lines.Select(l => l.Text));
    }

    [Theory]
    [InlineData("CRLF", new byte[] { 0x0D, 0x0A })]
    [InlineData("crlf", new byte[] { 0x0D, 0x0A })]
    [InlineData("0x0a", new byte[] { 0x0A })]
    [InlineData("13", new byte[] { 0x0D })]
    public void Terminator_settings_parse(string setting, byte[] expected) =>
        Assert.Equal(expected, LineFraming.ParseTerminator(setting));

    [Theory]
    [InlineData("")]
    [InlineData("CRCR")]
    [InlineData("0x100")]
    [InlineData("256")]
    [InlineData("-1")]
    public void Malformed_terminator_settings_are_rejected(string setting) =>
        Assert.Null(LineFraming.ParseTerminator(setting));

    [Fact]
    public void Random_bytes_in_random_chunks_never_throw_and_never_exceed_the_limit()
    {
        var random = new Random(20240517);
        for (var round = 0; round < 300; round++)
        {
            var framing = new LineFraming
            {
                Terminator = random.Next(3) switch { 0 => [0x0D, 0x0A], 1 => [0x0A], _ => [(byte)random.Next(256)] },
                StripPrefix = random.Next(2) == 0 ? null : (byte)random.Next(256),
                StripSuffix = random.Next(2) == 0 ? null : (byte)random.Next(256),
                MaxLength = random.Next(1, 64),
                Encoding = random.Next(2) == 0 ? LineTextEncoding.Ascii : LineTextEncoding.Utf8,
            };
            var framer = new LineFramer(framing);
            var stream = new byte[random.Next(0, 4096)];
            random.NextBytes(stream);
            for (var offset = 0; offset < stream.Length;)
            {
                var length = Math.Min(random.Next(1, 100), stream.Length - offset);
                foreach (var line in framer.Feed(stream.AsSpan(offset, length)))
                {
                    Assert.True(line.Text is null ? line.Problem != LineProblem.None : line.Text.Length is > 0 and <= 64);
                }

                offset += length;
            }
        }
    }
}
