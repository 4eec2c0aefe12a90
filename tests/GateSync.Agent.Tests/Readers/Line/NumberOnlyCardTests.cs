using GateSync.Agent.Readers.Line;
using GateSync.Contracts.Wire;

namespace GateSync.Agent.Tests.Readers.Line;

public class NumberOnlyCardTests
{
    [Fact]
    public void Standard_sample_number_becomes_a_resident_card_with_what_the_number_encodes()
    {
        var card = NumberOnlyCard.FromToken("11010519491231002x");

        Assert.NotNull(card);
        Assert.Equal(CardType.Resident, card.Type);
        Assert.Equal("11010519491231002X", card.IdNumber);
        Assert.Equal(NumberOnlyCard.NameNotRead, card.Name);
        Assert.Equal(new DateOnly(1949, 12, 31), card.BirthDate);
        Assert.Equal(Gender.Female, card.Gender);
        Assert.Null(card.Address);
    }

    [Theory]
    [InlineData("11010519491231002")] // 17 characters
    [InlineData("110105194912310021")] // wrong check character
    [InlineData("110105491231002")] // 15-digit legacy number: also a plausible access card number
    [InlineData("0012345678")] // 125 kHz card number
    [InlineData("https://example.com/11010519491231002X")]
    [InlineData("")]
    public void Anything_but_a_whole_valid_18_character_number_is_not_a_card(string token) =>
        Assert.Null(NumberOnlyCard.FromToken(token));

    [Fact]
    public void Hmt_permit_number_is_typed_as_a_permit()
    {
        var first17 = "81000019900101001";
        var number = first17 + GateSync.Contracts.Identity.IdNumber.CheckCharacter(first17);

        Assert.Equal(CardType.HmtPermit, NumberOnlyCard.FromToken(number)?.Type);
    }

    [Fact]
    public void Card_of_a_line_reader_passes_the_hubs_check_in_validator()
    {
        var card = NumberOnlyCard.FromToken("11010519491231002X")!;
        var checkIn = new CheckIn
        {
            AgentId = "a1",
            SiteId = "s1",
            Seq = 1,
            ReaderId = "gate-1",
            Direction = Direction.In,
            OccurredAt = DateTimeOffset.Parse("2026-11-24T07:58:12+08:00", System.Globalization.CultureInfo.InvariantCulture),
            Card = card,
        };

        var validation = CheckInValidator.Validate("gatesync/v1/s1/a1/checkin", ContractJson.Serialize(checkIn));

        Assert.True(validation.IsValid, validation.Reason);
    }
}
