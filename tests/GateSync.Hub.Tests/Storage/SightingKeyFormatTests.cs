using GateSync.Hub.Storage;

namespace GateSync.Hub.Tests.Storage;

public sealed class SightingKeyFormatTests
{
    private static readonly DateTimeOffset Swipe = new(2026, 3, 1, 8, 30, 15, 250, TimeSpan.FromHours(8));

    [Fact]
    public void A_key_gives_back_when_where_and_who_with_a_name_that_holds_the_separator()
    {
        var key = SightingKeyFormat.Of(Swipe, "site-1", "11010519491231002X", "Anna|Maria");

        Assert.Equal("20260301003015250|site-1|11010519491231002X|Anna|Maria", key);
        Assert.Equal((Swipe, "site-1", "11010519491231002X", "Anna|Maria"), SightingKeyFormat.Parse(key));
    }

    [Fact]
    public void Keys_sort_by_when_the_swipe_happened_and_the_bounds_take_a_whole_millisecond()
    {
        var earlier = SightingKeyFormat.Of(Swipe, "site-9", "2", "Z");
        var later = SightingKeyFormat.Of(Swipe.AddMilliseconds(1), "site-1", "1", "A");

        Assert.True(string.CompareOrdinal(earlier, later) < 0);
        Assert.True(string.CompareOrdinal(SightingKeyFormat.From(Swipe.UtcDateTime), earlier) <= 0);
        Assert.True(string.CompareOrdinal(earlier, SightingKeyFormat.Through(Swipe.UtcDateTime)) < 0);
        Assert.True(string.CompareOrdinal(later, SightingKeyFormat.Through(Swipe.UtcDateTime)) > 0);
        Assert.True(string.CompareOrdinal(SightingKeyFormat.Lowest, earlier) < 0);
        Assert.True(string.CompareOrdinal(later, SightingKeyFormat.Highest) < 0);
    }

    [Fact]
    public void A_name_too_long_for_an_index_key_is_cut_without_splitting_a_character()
    {
        var name = new string('名', SightingKeyFormat.MaxNameLength - 1) + "😀" + new string('x', 500);

        var key = SightingKeyFormat.Of(Swipe, "site-1", "1", name);

        Assert.Equal(new string('名', SightingKeyFormat.MaxNameLength - 1), SightingKeyFormat.Parse(key)!.Value.Name);
        Assert.True(System.Text.Encoding.UTF8.GetByteCount(key) < 1023);
    }

    [Theory]
    [InlineData("")]
    [InlineData("2026030100301525|site|id|name")]
    [InlineData("20261301003015250|site|id|name")]
    [InlineData("20260301003015250|site|id")]
    public void Text_that_is_not_a_key_reads_as_none(string text) => Assert.Null(SightingKeyFormat.Parse(text));
}
