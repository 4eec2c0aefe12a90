using GateSync.Agent.Readers.Line;
using Microsoft.Extensions.Time.Testing;

namespace GateSync.Agent.Tests.Readers.Line;

public class TokenDebounceTests
{
    private readonly FakeTimeProvider time = new();

    [Fact]
    public void Same_token_within_the_window_counts_once()
    {
        var debounce = new TokenDebounce(TimeSpan.FromSeconds(3), time);

        Assert.True(debounce.Counts("A"));
        time.Advance(TimeSpan.FromSeconds(2));
        Assert.False(debounce.Counts("A"));
        Assert.True(debounce.Counts("B"));
    }

    [Fact]
    public void Card_held_at_the_reader_stays_one_swipe_and_counts_again_after_a_pause()
    {
        var debounce = new TokenDebounce(TimeSpan.FromSeconds(3), time);
        Assert.True(debounce.Counts("A"));
        for (var i = 0; i < 10; i++)
        {
            time.Advance(TimeSpan.FromSeconds(1));
            Assert.False(debounce.Counts("A"));
        }

        time.Advance(TimeSpan.FromSeconds(3));
        Assert.True(debounce.Counts("A"));
    }

    [Fact]
    public void Zero_window_counts_every_read()
    {
        var debounce = new TokenDebounce(TimeSpan.Zero, time);

        Assert.True(debounce.Counts("A"));
        Assert.True(debounce.Counts("A"));
    }
}
