using System.Globalization;
using GateSync.Contracts.Identity;
using GateSync.Contracts.Wire;

namespace GateSync.Agent.Readers.Simulated;

/// <summary>
/// A repeatable set of made-up residents for demos and tests: valid GB 11643 numbers whose division, birth date and
/// gender agree with the rest of the card. Mostly Fengrun locals, then other Tangshan districts, then people from other provinces,
/// like the workers at a Tangshan site.
/// </summary>
public static class SimulatedPopulation
{
    /// <summary>Cards are made valid on this day, so the same seed gives the same people whatever the clock says.</summary>
    private static readonly DateOnly ValidOn = new(2026, 1, 1);

    private static readonly Division[] Fengrun =
    [
        new("130208", "河北省唐山市丰润区", "唐山市公安局丰润分局"),
    ];

    private static readonly Division[] Tangshan =
    [
        new("130202", "河北省唐山市路南区", "唐山市公安局路南分局"),
        new("130203", "河北省唐山市路北区", "唐山市公安局路北分局"),
        new("130204", "河北省唐山市古冶区", "唐山市公安局古冶分局"),
        new("130205", "河北省唐山市开平区", "唐山市公安局开平分局"),
        new("130207", "河北省唐山市丰南区", "唐山市公安局丰南分局"),
        new("130209", "河北省唐山市曹妃甸区", "唐山市公安局曹妃甸分局"),
        new("130224", "河北省滦南县", "滦南县公安局"),
        new("130225", "河北省乐亭县", "乐亭县公安局"),
        new("130281", "河北省遵化市", "遵化市公安局"),
        new("130283", "河北省迁安市", "迁安市公安局"),
    ];

    private static readonly Division[] OtherProvinces =
    [
        new("410102", "河南省郑州市中原区", "郑州市公安局中原分局"),
        new("510104", "四川省成都市锦江区", "成都市公安局锦江区分局"),
        new("370102", "山东省济南市历下区", "济南市公安局历下分局"),
        new("340102", "安徽省合肥市瑶海区", "合肥市公安局瑶海分局"),
        new("420102", "湖北省武汉市江岸区", "武汉市公安局江岸分局"),
        new("150102", "内蒙古自治区呼和浩特市新城区", "呼和浩特市公安局新城区分局"),
        new("230102", "黑龙江省哈尔滨市道里区", "哈尔滨市公安局道里分局"),
        new("210102", "辽宁省沈阳市和平区", "沈阳市公安局和平分局"),
    ];

    private static readonly string[] Surnames =
    [
        "王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴", "徐", "孙", "马", "朱", "胡", "郭", "何", "高",
        "林", "罗", "郑", "梁", "谢", "宋", "唐", "许", "韩", "冯", "邓", "曹", "彭", "田", "董", "袁", "蒋", "于",
        "杜", "叶", "程", "魏", "苏", "吕", "丁", "任", "姚", "崔", "谭", "陆", "范", "石", "贾", "孟", "欧阳", "司马",
    ];

    private static readonly string[] MaleGiven =
    [
        "伟", "强", "磊", "军", "勇", "杰", "涛", "斌", "超", "明", "刚", "平", "辉", "鹏", "飞", "鑫", "波", "宇",
        "浩", "凯", "健", "俊", "帆", "旭", "宁", "龙", "国", "建", "志", "海", "峰", "东",
    ];

    private static readonly string[] FemaleGiven =
    [
        "芳", "娜", "敏", "静", "丽", "艳", "娟", "霞", "秀", "玲", "英", "慧", "美", "淑", "红", "梅", "琳", "燕",
        "兰", "凤", "洁", "琴", "云", "雪", "婷", "颖", "倩", "欣",
    ];

    private static readonly string[] Streets = ["幸福道", "建设路", "光明街", "团结路", "新华道", "人民路", "友谊里", "和平街"];

    /// <summary>The same <paramref name="seed"/> and <paramref name="count"/> always give the same people.</summary>
    public static IReadOnlyList<CardData> Create(int seed, int count)
    {
        var random = new Random(seed);
        var people = new List<CardData>(count);
        var numbers = new HashSet<string>(StringComparer.Ordinal);
        while (people.Count < count)
        {
            var person = CreatePerson(random);
            if (numbers.Add(person.IdNumber))
            {
                people.Add(person);
            }
        }

        return people;
    }

    private static CardData CreatePerson(Random random)
    {
        var roll = random.NextDouble();
        var divisions = roll < 0.4 ? Fengrun : roll < 0.7 ? Tangshan : OtherProvinces;
        var division = divisions[random.Next(divisions.Length)];
        var birth = new DateOnly(1955, 1, 1).AddDays(random.Next(0, 365 * 51));
        var male = random.Next(2) == 0;

        // The sequence's last digit is odd for men, even for women (GB 11643).
        var sequence = (random.Next(0, 500) * 2) + (male ? 1 : 0);
        var first17 = string.Create(
            CultureInfo.InvariantCulture,
            $"{division.Code}{birth:yyyyMMdd}{sequence:000}");
        var idNumber = first17 + IdNumber.CheckCharacter(first17);

        var (validFrom, validTo) = Validity(random, birth);
        return new CardData
        {
            Type = CardType.Resident,
            IdNumber = idNumber,
            Name = Surnames[random.Next(Surnames.Length)] + GivenName(random, male),
            Gender = IdNumber.GenderOf(idNumber),
            BirthDate = IdNumber.BirthDate(idNumber),
            Address = string.Create(
                CultureInfo.InvariantCulture,
                $"{division.Address}{Streets[random.Next(Streets.Length)]}{random.Next(1, 300)}号"),
            Issuer = division.Issuer,
            ValidFrom = validFrom,
            ValidTo = validTo,
        };
    }

    private static string GivenName(Random random, bool male)
    {
        var pool = male ? MaleGiven : FemaleGiven;
        var first = pool[random.Next(pool.Length)];
        return random.Next(3) == 0 ? first : first + pool[random.Next(pool.Length)];
    }

    /// <summary>A card valid on <see cref="ValidOn"/>: 10 years if issued at 16-25, 20 years at 26-45, long-term (null) from 46.</summary>
    private static (DateOnly From, DateOnly? To) Validity(Random random, DateOnly birth)
    {
        var earliest = birth.AddYears(16);
        var from = earliest.AddDays(random.Next(0, 365 * 3));
        while (true)
        {
            var age = from.Year - birth.Year;
            DateOnly? to = age switch
            {
                < 26 => from.AddYears(10),
                < 46 => from.AddYears(20),
                _ => null,
            };
            if (to is null || to > ValidOn)
            {
                return (from, to);
            }

            // Expired: renewed on the day it ran out, as most people do.
            from = to.Value;
        }
    }

    private sealed record Division(string Code, string Address, string Issuer);
}
