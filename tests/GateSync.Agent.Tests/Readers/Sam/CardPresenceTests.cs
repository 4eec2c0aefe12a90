using GateSync.Agent.Readers.Sam;

namespace GateSync.Agent.Tests.Readers.Sam;

public class CardPresenceTests
{
    [Fact]
    public void A_card_read_again_and_again_is_one_swipe()
    {
        var presence = new CardPresence();

        Assert.True(presence.Read("11010519491231002X"));
        Assert.False(presence.Read("11010519491231002X"));
        Assert.False(presence.Read("11010519491231002X"));
    }

    [Fact]
    public void A_card_counts_again_after_the_reader_was_empty()
    {
        var presence = new CardPresence();
        presence.Read("11010519491231002X");

        presence.Empty();

        Assert.True(presence.Read("11010519491231002X"));
    }

    [Fact]
    public void Another_card_counts_at_once()
    {
        var presence = new CardPresence();
        presence.Read("11010519491231002X");

        Assert.True(presence.Read("130208198503123718"));
    }
}
