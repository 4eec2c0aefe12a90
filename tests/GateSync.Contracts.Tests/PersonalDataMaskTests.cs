using GateSync.Contracts.Identity;

namespace GateSync.Contracts.Tests;

public sealed class PersonalDataMaskTests
{
    [Fact]
    public void An_id_number_keeps_its_division_and_last_four()
    {
        Assert.Equal("130221********123X", PersonalDataMask.IdNumber("13022119900101123X"));
    }

    [Theory]
    [InlineData("张三", "张*")]
    [InlineData("欧阳娜娜", "欧***")]
    [InlineData("李", "李*")]
    public void A_name_keeps_only_its_first_character(string name, string masked)
    {
        Assert.Equal(masked, PersonalDataMask.Name(name));
    }
}
