using GateSync.Contracts.Identity;
using GateSync.Contracts.Wire;

namespace GateSync.Contracts.Tests;

public sealed class IdNumberTests
{
    [Fact]
    public void The_standards_sample_number_has_check_character_X()
    {
        Assert.Equal('X', IdNumber.CheckCharacter("11010519491231002"));
        Assert.True(IdNumber.Normalize("11010519491231002X").IsValid);
    }

    [Fact]
    public void A_lower_case_x_is_normalised_to_upper_case()
    {
        Assert.Equal("11010519491231002X", IdNumber.Normalize(" 11010519491231002x ").Normalized);
    }

    [Theory]
    [InlineData("110105194912310021", "check character is 1, expected X")]
    [InlineData("1101051949123100", "18 characters")]
    [InlineData("11010519491A31002X", "must be digits")]
    [InlineData("110105194913310021", "birth date")]
    [InlineData("", "18 characters")]
    public void An_invalid_number_is_refused_with_a_reason(string input, string reason)
    {
        var result = IdNumber.Normalize(input);

        Assert.False(result.IsValid);
        Assert.Contains(reason, result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_15_digit_legacy_number_becomes_18_with_19_before_the_year_and_a_check_character()
    {
        // 110105491231002 is the legacy form of the standard's sample.
        Assert.Equal("11010519491231002X", IdNumber.Normalize("110105491231002").Normalized);
    }

    [Fact]
    public void Birth_date_and_gender_are_read_from_the_number()
    {
        Assert.Equal(new DateOnly(1949, 12, 31), IdNumber.BirthDate("11010519491231002X"));
        Assert.Equal(Gender.Female, IdNumber.GenderOf("11010519491231002X"));
        Assert.Equal(Gender.Male, IdNumber.GenderOf("110105194912310013"));
    }

    [Fact]
    public void Every_single_digit_change_is_caught_by_the_check_character()
    {
        const string valid = "11010519491231002X";
        for (var position = 0; position < 17; position++)
        {
            for (var digit = '0'; digit <= '9'; digit++)
            {
                if (valid[position] == digit)
                {
                    continue;
                }

                var changed = string.Concat(valid.AsSpan(0, position), digit.ToString(), valid.AsSpan(position + 1));
                Assert.False(IdNumber.Normalize(changed).IsValid && changed != valid, changed);
            }
        }
    }

    [Theory]
    [InlineData(CardType.HmtPermit, "810000199408230021", true)]
    [InlineData(CardType.ForeignPermanent, "USA123456789012", true)]
    [InlineData(CardType.ForeignPermanent, "US1123456789012", false)]
    [InlineData(CardType.ForeignPermanent, "11010519491231002X", false)]
    public void Each_card_type_checks_its_own_number_format(CardType type, string number, bool valid)
    {
        Assert.Equal(valid, CardNumber.Normalize(type, number).IsValid);
    }

    [Fact]
    public void A_2023_permanent_residence_number_starting_with_9_carries_the_gb_check()
    {
        var first17 = "93310019900101123";
        var number = first17 + IdNumber.CheckCharacter(first17);

        Assert.True(CardNumber.Normalize(CardType.ForeignPermanent, number).IsValid);
    }
}
