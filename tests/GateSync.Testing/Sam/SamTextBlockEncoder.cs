using System.Globalization;
using System.Text;
using GateSync.Contracts.Wire;

namespace GateSync.Testing.Sam;

/// <summary>
/// Builds the 256-byte UCS-2 text block a SAM returns for a card, written from readers.md independently
/// of the agent's decoder so that the two check each other.
/// </summary>
public static class SamTextBlockEncoder
{
    public const int Length = 256;

    /// <summary>The block for <paramref name="card"/>; a foreign card's name goes to the Chinese field unless it is plain ASCII.</summary>
    public static byte[] Encode(CardData card, string nationCode = "01") => card.Type switch
    {
        CardType.Resident => EncodeResidentLayout(card, nationCode, ' '),
        CardType.HmtPermit => EncodeResidentLayout(card, nationCode, 'J'),
        CardType.ForeignPermanent => card.Name.All(char.IsAscii)
            ? EncodeForeignPermanent(card, englishName: card.Name, chineseName: string.Empty)
            : EncodeForeignPermanent(card, englishName: "TEST PERSON", chineseName: card.Name),
        _ => throw new ArgumentOutOfRangeException(nameof(card), card.Type, "unknown card type"),
    };

    /// <summary>Resident layout: name 30, gender 2, nation 4, birth 16, address 70, ID 36, issuer 30, valid from 16, valid to 16, reserved 36.</summary>
    public static byte[] EncodeResidentLayout(CardData card, string nationCode, char cardTypeMark)
    {
        var block = Blank();
        Put(block, 0, 30, card.Name);
        Put(block, 30, 2, GenderCode(card.Gender));
        Put(block, 32, 4, nationCode);
        Put(block, 36, 16, Date(card.BirthDate));
        Put(block, 52, 70, card.Address ?? string.Empty);
        Put(block, 122, 36, card.IdNumber);
        Put(block, 158, 30, card.Issuer ?? string.Empty);
        Put(block, 188, 16, Date(card.ValidFrom));
        Put(block, 204, 16, card.ValidTo is null ? "长期" : Date(card.ValidTo));
        Put(block, 248, 2, cardTypeMark.ToString());
        return block;
    }

    /// <summary>
    /// 2017 foreigner's permanent residence layout: English name 120, gender 2, number 30, nationality 6,
    /// Chinese name 30, valid from 16, valid to 16, birth 16, version 4, authority 8, card type 2, reserved 6.
    /// </summary>
    public static byte[] EncodeForeignPermanent(CardData card, string englishName, string chineseName, string nationality = "CAN")
    {
        var block = Blank();
        Put(block, 0, 120, englishName);
        Put(block, 120, 2, GenderCode(card.Gender));
        Put(block, 122, 30, card.IdNumber);
        Put(block, 152, 6, nationality);
        Put(block, 158, 30, chineseName);
        Put(block, 188, 16, Date(card.ValidFrom));
        Put(block, 204, 16, card.ValidTo is null ? "长期" : Date(card.ValidTo));
        Put(block, 220, 16, Date(card.BirthDate));
        Put(block, 236, 4, "01");
        Put(block, 240, 8, "1500");
        Put(block, 248, 2, "I");
        return block;
    }

    /// <summary>Writes <paramref name="value"/> as UCS-2 LE into a field already padded with spaces.</summary>
    public static void Put(byte[] block, int offset, int length, string value)
    {
        var bytes = Encoding.Unicode.GetBytes(value);
        if (bytes.Length > length)
        {
            throw new ArgumentException($"'{value}' needs {bytes.Length} bytes, the field at {offset} has {length}", nameof(value));
        }

        bytes.CopyTo(block, offset);
    }

    private static byte[] Blank()
    {
        var block = new byte[Length];
        for (var i = 0; i < Length; i += 2)
        {
            block[i] = 0x20;
        }

        return block;
    }

    private static string GenderCode(Gender gender) => gender switch
    {
        Gender.Male => "1",
        Gender.Female => "2",
        _ => "0",
    };

    private static string Date(DateOnly? date) => date?.ToString("yyyyMMdd", CultureInfo.InvariantCulture) ?? string.Empty;
}
