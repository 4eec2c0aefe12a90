using System.Globalization;
using GateSync.Contracts.Identity;
using GateSync.Contracts.Wire;

namespace GateSync.Agent.Readers.Sam;

/// <summary>
/// The 256-byte text block of a card read: resident and Hong Kong/Macao/Taiwan cards share one layout,
/// the foreigner's permanent residence card (2017) has its own. Ethnicity and nationality are read past,
/// never stored.
/// </summary>
public static class SamTextBlock
{
    public const int Length = 256;

    private const string LongTerm = "长期";

    private static readonly SamTextField CardTypeMark = new(248, 2);

    // Resident layout; the nation field (offset 32, 4 bytes) is skipped on purpose.
    private static readonly SamTextField ResidentName = new(0, 30);
    private static readonly SamTextField ResidentGender = new(30, 2);
    private static readonly SamTextField ResidentBirthDate = new(36, 16);
    private static readonly SamTextField ResidentAddress = new(52, 70);
    private static readonly SamTextField ResidentIdNumber = new(122, 36);
    private static readonly SamTextField ResidentIssuer = new(158, 30);
    private static readonly SamTextField ResidentValidFrom = new(188, 16);
    private static readonly SamTextField ResidentValidTo = new(204, 16);

    // Foreigner's permanent residence layout; nationality (offset 152, 6 bytes) is skipped on purpose.
    private static readonly SamTextField ForeignEnglishName = new(0, 120);
    private static readonly SamTextField ForeignGender = new(120, 2);
    private static readonly SamTextField ForeignNumber = new(122, 30);
    private static readonly SamTextField ForeignChineseName = new(158, 30);
    private static readonly SamTextField ForeignValidFrom = new(188, 16);
    private static readonly SamTextField ForeignValidTo = new(204, 16);
    private static readonly SamTextField ForeignBirthDate = new(220, 16);

    public static SamTextResult Parse(ReadOnlySpan<byte> text)
    {
        if (text.Length != Length)
        {
            return SamTextResult.Invalid($"a text block has {Length} bytes, not {text.Length}");
        }

        var mark = CardTypeMark.Read(text);
        return mark switch
        {
            "" => ParseResidentLayout(text, CardType.Resident),
            "J" => ParseResidentLayout(text, CardType.HmtPermit),
            "I" => ParseForeignPermanent(text),
            _ => SamTextResult.Invalid($"unknown card type mark '{mark}' at text byte {CardTypeMark.Offset}"),
        };
    }

    private static SamTextResult ParseResidentLayout(ReadOnlySpan<byte> text, CardType type) =>
        Build(
            type,
            number: ResidentIdNumber.Read(text),
            name: ResidentName.Read(text),
            gender: ResidentGender.Read(text),
            birth: ResidentBirthDate.Read(text),
            validFrom: ResidentValidFrom.Read(text),
            validTo: ResidentValidTo.Read(text),
            address: ResidentAddress.Read(text),
            issuer: ResidentIssuer.Read(text));

    private static SamTextResult ParseForeignPermanent(ReadOnlySpan<byte> text)
    {
        var chineseName = ForeignChineseName.Read(text);
        return Build(
            CardType.ForeignPermanent,
            number: ForeignNumber.Read(text),
            name: chineseName.Length > 0 ? chineseName : ForeignEnglishName.Read(text),
            gender: ForeignGender.Read(text),
            birth: ForeignBirthDate.Read(text),
            validFrom: ForeignValidFrom.Read(text),
            validTo: ForeignValidTo.Read(text),
            address: null,
            issuer: null);
    }

    private static SamTextResult Build(
        CardType type, string number, string name, string gender, string birth, string validFrom, string validTo, string? address, string? issuer)
    {
        var id = CardNumber.Normalize(type, number);
        if (!id.IsValid)
        {
            return SamTextResult.Invalid($"card number: {id.Error}");
        }

        if (name.Length == 0)
        {
            return SamTextResult.Invalid("the name is empty");
        }

        if (!TryDate(birth, out var birthDate) || birthDate is null)
        {
            return SamTextResult.Invalid("the birth date is not YYYYMMDD");
        }

        if (!TryDate(validFrom, out var from))
        {
            return SamTextResult.Invalid("the valid-from date is not YYYYMMDD");
        }

        DateOnly? to = null;
        if (validTo != LongTerm && (!TryDate(validTo, out to) || to is null))
        {
            // An empty valid-to is a misread, not a long-term card: only 长期 means that.
            return SamTextResult.Invalid($"the valid-to date is neither YYYYMMDD nor {LongTerm}");
        }

        return SamTextResult.Valid(new CardData
        {
            Type = type,
            IdNumber = id.Normalized!,
            Name = name,
            Gender = gender switch { "1" => Gender.Male, "2" => Gender.Female, _ => Gender.Unknown },
            BirthDate = birthDate,
            Address = string.IsNullOrEmpty(address) ? null : address,
            Issuer = string.IsNullOrEmpty(issuer) ? null : issuer,
            ValidFrom = from,
            ValidTo = to,
        });
    }

    /// <summary>Empty is a missing date (true, null); anything else must be <c>YYYYMMDD</c>.</summary>
    private static bool TryDate(string value, out DateOnly? date)
    {
        date = null;
        if (value.Length == 0)
        {
            return true;
        }

        if (DateOnly.TryParseExact(value, "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
        {
            date = parsed;
            return true;
        }

        return false;
    }
}
