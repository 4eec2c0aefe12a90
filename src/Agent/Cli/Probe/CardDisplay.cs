using System.Globalization;
using GateSync.Contracts.Identity;
using GateSync.Contracts.Wire;

namespace GateSync.Agent.Cli.Probe;

/// <summary>
/// A read card as the person at the terminal sees it: masked unless they asked to see it (PIPL: show no more
/// than needed). The birth date and address would undo the number's mask, so they are masked too.
/// </summary>
public static class CardDisplay
{
    private const int AddressCharactersShown = 3;

    public static void Write(TextWriter output, CardData card, bool reveal)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(card);
        output.WriteLine($"  Card type:   {card.Type}");
        output.WriteLine($"  Name:        {(reveal ? card.Name : PersonalDataMask.Name(card.Name))}");
        output.WriteLine($"  ID number:   {(reveal ? card.IdNumber : PersonalDataMask.IdNumber(card.IdNumber))}");
        output.WriteLine($"  Gender:      {card.Gender}");
        output.WriteLine($"  Birth date:  {(reveal ? Date(card.BirthDate) : "****-**-**")}");
        if (card.Address is { } address)
        {
            output.WriteLine($"  Address:     {(reveal ? address : MaskAddress(address))}");
        }

        if (card.Issuer is { } issuer)
        {
            output.WriteLine($"  Issuer:      {issuer}");
        }

        output.WriteLine($"  Valid:       {Date(card.ValidFrom)} to {(card.ValidTo is null ? "long-term (长期)" : Date(card.ValidTo))}");
        if (!reveal)
        {
            output.WriteLine("  (personal data masked; add --show to see it on this terminal only)");
        }
    }

    private static string Date(DateOnly? date) => date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "-";

    private static string MaskAddress(string address)
    {
        var info = new StringInfo(address);
        return info.LengthInTextElements <= AddressCharactersShown
            ? new string('*', info.LengthInTextElements)
            : info.SubstringByTextElements(0, AddressCharactersShown) + "***";
    }
}
