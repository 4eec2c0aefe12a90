using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using GateSync.Agent.Readers.Sam;
using GateSync.Contracts.Wire;
using GateSync.Testing;
using GateSync.Testing.Sam;

namespace GateSync.Agent.Tests.Readers.Sam;

public class SamTextBlockTests
{
    public static TheoryData<string> CardNames => [.. TestCards.All.Select(card => card.IdNumber)];

    [Theory]
    [MemberData(nameof(CardNames))]
    public void Every_sample_card_decodes_to_what_was_encoded(string idNumber)
    {
        var card = TestCards.All.Single(c => c.IdNumber == idNumber);

        var result = SamTextBlock.Parse(SamTextBlockEncoder.Encode(card));

        Assert.Null(result.Error);
        Assert.Equal(card, result.Card);
    }

    [Fact]
    public void A_resident_card_decodes_field_by_field()
    {
        var card = SamTextBlock.Parse(SamTextBlockEncoder.Encode(TestCards.FengrunLocal)).Card!;

        Assert.Equal(CardType.Resident, card.Type);
        Assert.Equal("李建国", card.Name);
        Assert.Equal(Gender.Male, card.Gender);
        Assert.Equal(new DateOnly(1985, 3, 12), card.BirthDate);
        Assert.Equal("河北省唐山市丰润区幸福道12号", card.Address);
        Assert.StartsWith("130208198503123", card.IdNumber, StringComparison.Ordinal);
        Assert.Equal("唐山市公安局丰润分局", card.Issuer);
        Assert.Equal(new DateOnly(2015, 3, 1), card.ValidFrom);
        Assert.Equal(new DateOnly(2035, 3, 1), card.ValidTo);
    }

    [Fact]
    public void A_long_term_card_has_no_valid_to()
    {
        var card = SamTextBlock.Parse(SamTextBlockEncoder.Encode(TestCards.Zhangsan)).Card!;

        Assert.Null(card.ValidTo);
        Assert.Equal(new DateOnly(2010, 3, 1), card.ValidFrom);
    }

    [Fact]
    public void A_J_mark_is_a_hong_kong_macao_taiwan_permit_in_the_resident_layout()
    {
        var card = SamTextBlock.Parse(SamTextBlockEncoder.Encode(TestCards.HongKongPermit)).Card!;

        Assert.Equal(CardType.HmtPermit, card.Type);
        Assert.StartsWith("810000", card.IdNumber, StringComparison.Ordinal);
        Assert.Equal("陈大文", card.Name);
    }

    [Fact]
    public void An_I_mark_is_a_foreign_permanent_card_named_by_its_chinese_name_when_it_has_one()
    {
        var block = SamTextBlockEncoder.EncodeForeignPermanent(TestCards.ForeignPermanent, "SMITH JOHN", "史密斯", nationality: "CAN");

        var card = SamTextBlock.Parse(block).Card!;

        Assert.Equal(CardType.ForeignPermanent, card.Type);
        Assert.Equal("史密斯", card.Name);
        Assert.Equal("CAN110080061234", card.IdNumber);
        Assert.Equal(Gender.Male, card.Gender);
        Assert.Equal(new DateOnly(1980, 6, 1), card.BirthDate);
        Assert.Equal(new DateOnly(2027, 7, 1), card.ValidTo);
        Assert.Null(card.Address);
    }

    [Fact]
    public void A_foreign_permanent_card_without_a_chinese_name_is_named_in_english()
    {
        var block = SamTextBlockEncoder.EncodeForeignPermanent(TestCards.ForeignPermanent, "SMITH JOHN", string.Empty);

        Assert.Equal("SMITH JOHN", SamTextBlock.Parse(block).Card!.Name);
    }

    [Theory]
    [InlineData("0", Gender.Unknown)]
    [InlineData("9", Gender.Unknown)]
    [InlineData("1", Gender.Male)]
    [InlineData("2", Gender.Female)]
    public void Gender_codes_map_to_the_contract(string code, Gender expected)
    {
        var block = SamTextBlockEncoder.Encode(TestCards.HenanWorker);
        SamTextBlockEncoder.Put(block, 30, 2, code);

        Assert.Equal(expected, SamTextBlock.Parse(block).Card!.Gender);
    }

    [Fact]
    public void Ethnicity_is_read_past_and_appears_nowhere_in_the_card()
    {
        // 56 (Jino) appears in no other field of this card.
        var block = SamTextBlockEncoder.Encode(TestCards.HenanWorker, nationCode: "56");

        var card = SamTextBlock.Parse(block).Card!;

        var names = typeof(CardData).GetProperties().Select(p => p.Name.ToUpperInvariant());
        Assert.DoesNotContain(names, n => n.Contains("NATION", StringComparison.Ordinal) || n.Contains("ETHNIC", StringComparison.Ordinal));
        var values = string.Join('|', typeof(CardData).GetProperties().Select(p => Convert.ToString(p.GetValue(card), CultureInfo.InvariantCulture)));
        Assert.DoesNotContain("56", values, StringComparison.Ordinal);
        Assert.Equal(TestCards.HenanWorker, card);
    }

    [Fact]
    public void A_wrong_check_character_is_an_error_not_an_exception()
    {
        var block = SamTextBlockEncoder.Encode(TestCards.Zhangsan with { IdNumber = "110105194912310021" });

        var result = SamTextBlock.Parse(block);

        Assert.False(result.IsValid);
        Assert.Contains("check character", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_card_type_mark_is_an_error()
    {
        var block = SamTextBlockEncoder.EncodeResidentLayout(TestCards.Zhangsan, "01", 'X');

        Assert.Contains("unknown card type mark", SamTextBlock.Parse(block).Error, StringComparison.Ordinal);
    }

    [Fact]
    public void An_empty_valid_to_is_a_misread_not_a_long_term_card()
    {
        var block = SamTextBlockEncoder.Encode(TestCards.FengrunLocal);
        SamTextBlockEncoder.Put(block, 204, 16, "        ");

        Assert.Contains("valid-to", SamTextBlock.Parse(block).Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(36, "19851399")]
    [InlineData(188, "2015-3-1")]
    [InlineData(0, "")]
    public void Malformed_fields_are_errors(int offset, string value)
    {
        var block = SamTextBlockEncoder.Encode(TestCards.FengrunLocal);
        var width = offset == 0 ? 30 : 16;
        SamTextBlockEncoder.Put(block, offset, width, new string(' ', width / 2));
        SamTextBlockEncoder.Put(block, offset, width, value);

        Assert.False(SamTextBlock.Parse(block).IsValid);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(255)]
    [InlineData(257)]
    public void A_text_block_of_the_wrong_size_is_an_error(int size) =>
        Assert.False(SamTextBlock.Parse(new byte[size]).IsValid);

    [Fact]
    public void A_read_response_is_decoded_from_its_text_and_the_photo_is_ignored()
    {
        var data = ReadResponse(SamTextBlockEncoder.Encode(TestCards.Zhangsan), photoLength: 1024);

        Assert.Equal(TestCards.Zhangsan, SamReadResponse.Parse(data).Card);
    }

    [Fact]
    public void A_read_response_shorter_than_its_lengths_is_an_error()
    {
        var data = ReadResponse(SamTextBlockEncoder.Encode(TestCards.Zhangsan), photoLength: 1024);

        Assert.Contains("lengths announce", SamReadResponse.Parse(data.AsSpan(0, 1000)).Error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_read_response_with_another_text_length_is_an_error()
    {
        var data = ReadResponse(SamTextBlockEncoder.Encode(TestCards.Zhangsan), photoLength: 0);
        BinaryPrimitives.WriteUInt16BigEndian(data, 200);

        Assert.Contains("text length", SamReadResponse.Parse(data).Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Broken_ucs2_text_is_an_error_or_a_card_never_an_exception()
    {
        var block = SamTextBlockEncoder.Encode(TestCards.Zhangsan);
        Encoding.Unicode.GetBytes("\uD800").CopyTo(block, 0); // a lone surrogate in the name

        var result = SamTextBlock.Parse(block);

        Assert.True(result.IsValid || result.Error is not null);
    }

    private static byte[] ReadResponse(byte[] text, int photoLength)
    {
        var data = new byte[4 + text.Length + photoLength];
        BinaryPrimitives.WriteUInt16BigEndian(data, (ushort)text.Length);
        BinaryPrimitives.WriteUInt16BigEndian(data.AsSpan(2), (ushort)photoLength);
        text.CopyTo(data, 4);
        new Random(1).NextBytes(data.AsSpan(4 + text.Length));
        return data;
    }
}
