using System.Globalization;
using GateSync.Contracts.Identity;
using GateSync.Contracts.Wire;

namespace GateSync.Testing;

/// <summary>Sample cards with valid numbers (GB 11643 check characters computed, never typed by hand).</summary>
public static class TestCards
{
    /// <summary>The standard's own sample number; its sequence 002 is even, so the holder is female.</summary>
    public static CardData Zhangsan { get; } = new()
    {
        Type = CardType.Resident,
        IdNumber = "11010519491231002X",
        Name = "张三",
        Gender = Gender.Female,
        BirthDate = new DateOnly(1949, 12, 31),
        Address = "北京市朝阳区某某路1号",
        Issuer = "北京市公安局朝阳分局",
        ValidFrom = new DateOnly(2010, 3, 1),
        ValidTo = null,
    };

    /// <summary>Household registration in Fengrun District, Tangshan (130208): a local at a Fengrun site.</summary>
    public static CardData FengrunLocal { get; } = Resident(
        "130208", new DateOnly(1985, 3, 12), 371, "李建国", "河北省唐山市丰润区幸福道12号", "唐山市公安局丰润分局",
        validFrom: new DateOnly(2015, 3, 1), validTo: new DateOnly(2035, 3, 1));

    /// <summary>An old Tangshan county code (130221), as carried by many older cards.</summary>
    public static CardData Tangshan130221 { get; } = Resident(
        "130221", new DateOnly(1972, 8, 5), 126, "王秀英", "河北省丰润县丰润镇东街3号", "丰润县公安局",
        validFrom: new DateOnly(2012, 6, 20), validTo: null);

    /// <summary>A migrant worker from Henan (410522, Anyang County).</summary>
    public static CardData HenanWorker { get; } = Resident(
        "410522", new DateOnly(1996, 11, 2), 53, "赵磊", "河南省安阳县吕村镇马家村", "安阳县公安局",
        validFrom: new DateOnly(2018, 1, 9), validTo: new DateOnly(2028, 1, 9));

    /// <summary>A Hong Kong resident's residence permit (number starts 810000).</summary>
    public static CardData HongKongPermit { get; } = Resident(
        "810000", new DateOnly(1990, 1, 1), 235, "陈大文", "河北省唐山市路北区建设路88号", "唐山市公安局",
        validFrom: new DateOnly(2019, 5, 1), validTo: new DateOnly(2024, 5, 1)) with { Type = CardType.HmtPermit };

    /// <summary>A 2017-layout foreigner's permanent residence card: 3-letter nationality, 12 digits.</summary>
    public static CardData ForeignPermanent { get; } = new()
    {
        Type = CardType.ForeignPermanent,
        IdNumber = "CAN110080061234",
        Name = "SMITH JOHN",
        Gender = Gender.Male,
        BirthDate = new DateOnly(1980, 6, 1),
        ValidFrom = new DateOnly(2017, 7, 1),
        ValidTo = new DateOnly(2027, 7, 1),
    };

    public static IReadOnlyList<CardData> All { get; } = [Zhangsan, FengrunLocal, Tangshan130221, HenanWorker, HongKongPermit, ForeignPermanent];

    /// <summary>A valid 18-character number for a division, birth date and 3-digit sequence (odd male, even female).</summary>
    public static string MakeIdNumber(string division, DateOnly birthDate, int sequence)
    {
        var first17 = string.Create(CultureInfo.InvariantCulture, $"{division}{birthDate:yyyyMMdd}{sequence:D3}");
        var check = IdNumber.CheckCharacter(first17)
            ?? throw new ArgumentException($"'{first17}' is not 17 digits", nameof(division));
        return first17 + check;
    }

    /// <summary>A resident card whose gender agrees with its number's sequence.</summary>
    public static CardData Resident(
        string division, DateOnly birthDate, int sequence, string name, string? address = null, string? issuer = null,
        DateOnly? validFrom = null, DateOnly? validTo = null)
    {
        var number = MakeIdNumber(division, birthDate, sequence);
        return new CardData
        {
            Type = CardType.Resident,
            IdNumber = number,
            Name = name,
            Gender = IdNumber.GenderOf(number),
            BirthDate = birthDate,
            Address = address,
            Issuer = issuer,
            ValidFrom = validFrom,
            ValidTo = validTo,
        };
    }
}
