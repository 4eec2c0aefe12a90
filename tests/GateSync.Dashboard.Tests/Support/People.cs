using System.Globalization;
using GateSync.Contracts.Identity;

namespace GateSync.Dashboard.Tests.Support;

/// <summary>Valid ID numbers (correct check character) from a division, a birth date and a sequence.</summary>
internal static class People
{
    public static string Make(string division, string birth, int sequence)
    {
        var first17 = division + birth + sequence.ToString("000", CultureInfo.InvariantCulture);
        return first17 + IdNumber.CheckCharacter(first17);
    }
}
