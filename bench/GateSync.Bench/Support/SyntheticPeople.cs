using GateSync.Contracts.Wire;
using GateSync.Testing;

namespace GateSync.Bench.Support;

/// <summary>
/// Repeatable made-up card holders with valid ID numbers: locals of the district (130208) and people from elsewhere,
/// as the floating population the hub reconciles. The same seed gives the same people.
/// </summary>
public static class SyntheticPeople
{
    public const string AreaCode = "130208";

    private static readonly string[] Elsewhere = ["410522", "510104", "370102", "340102", "420102", "230102", "130202", "130283"];
    private static readonly string[] Surnames = ["王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴", "徐", "孙", "马", "朱", "胡", "郭"];
    private static readonly string[] Given = ["伟", "芳", "娜", "强", "敏", "静", "磊", "军", "洋", "勇", "艳", "杰", "涛", "明", "超", "霞"];

    /// <summary><paramref name="count"/> distinct people; a share <paramref name="localShare"/> of them are locals.</summary>
    public static IReadOnlyList<CardData> Create(int count, double localShare, int seed)
    {
        var random = new Random(seed);
        var people = new List<CardData>(count);
        var numbers = new HashSet<string>(StringComparer.Ordinal);
        while (people.Count < count)
        {
            var division = random.NextDouble() < localShare ? AreaCode : Elsewhere[random.Next(Elsewhere.Length)];
            var birth = new DateOnly(1960, 1, 1).AddDays(random.Next(0, 365 * 45));
            var name = Surnames[random.Next(Surnames.Length)] + Given[random.Next(Given.Length)] + Given[random.Next(Given.Length)];
            var card = TestCards.Resident(
                division, birth, random.Next(0, 1000), name, "河北省唐山市丰润区幸福道12号", "唐山市公安局丰润分局",
                validFrom: new DateOnly(2020, 1, 1), validTo: new DateOnly(2040, 1, 1));
            if (numbers.Add(card.IdNumber))
            {
                people.Add(card);
            }
        }

        return people;
    }
}
