using GateSync.Contracts.Identity;

namespace GateSync.Hub.Tests.Reconciliation;

/// <summary>Valid ID numbers (correct check character) for test people.</summary>
internal static class TestPeople
{
    public const string AreaCode = "130208";

    /// <summary>From Tangshan's Fengnan district: same city, not local.</summary>
    public static string NonLocal(int n, string division = "130207", string birth = "19900101") => Make(division, birth, n);

    public static string Local(int n) => Make(AreaCode, "19850505", n);

    public static string Make(string division, string birth, int sequence)
    {
        var first17 = division + birth + sequence.ToString("000", System.Globalization.CultureInfo.InvariantCulture);
        return first17 + IdNumber.CheckCharacter(first17);
    }
}
