using GateSync.Contracts.Wire;

namespace GateSync.Hub.Tests.Support;

/// <summary>Contract check-ins for tests, with real (check-character valid) ID numbers.</summary>
internal static class CheckIns
{
    public static string IdNumber(int person)
    {
        var first17 = $"110105194912310{person % 100:D2}";
        return first17 + Contracts.Identity.IdNumber.CheckCharacter(first17);
    }

    /// <summary>The same number with a wrong check character.</summary>
    public static string IdNumberWithBadCheck(int person)
    {
        var good = IdNumber(person);
        var wrong = good[^1] == '0' ? '1' : '0';
        return good[..^1] + wrong;
    }

    public static CheckIn Create(string siteId, string agentId, long seq, string? idNumber = null) => new()
    {
        AgentId = agentId,
        SiteId = siteId,
        Seq = seq,
        ReaderId = "gate-1",
        Direction = Direction.In,
        OccurredAt = new DateTimeOffset(2026, 11, 24, 7, 58, 12, 412, TimeSpan.FromHours(8)).AddSeconds(seq),
        Card = new CardData
        {
            Type = CardType.Resident,
            IdNumber = idNumber ?? IdNumber((int)seq),
            Name = "张三",
            Gender = Gender.Male,
            BirthDate = new DateOnly(1949, 12, 31),
            Address = "河北省唐山市丰润区",
            Issuer = "唐山市公安局丰润分局",
            ValidFrom = new DateOnly(2015, 3, 1),
            ValidTo = null,
        },
        Access = AccessDecision.Granted,
    };

    public static byte[] Payload(string siteId, string agentId, long seq) => ContractJson.Serialize(Create(siteId, agentId, seq));
}
