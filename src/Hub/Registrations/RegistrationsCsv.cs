using GateSync.Contracts.Identity;
using GateSync.Contracts.Wire;

namespace GateSync.Hub.Registrations;

/// <summary>
/// <c>POST /api/import/registrations</c>: <c>idNumber,name,siteId,registeredOn,validUntil,occupation,education,status</c>.
/// ID numbers are normalised (upper case, 15-digit legacy numbers to 18) and must pass their check character.
/// </summary>
public static class RegistrationsCsv
{
    public static readonly IReadOnlyList<string> Columns =
        ["idNumber", "name", "siteId", "registeredOn", "validUntil", "occupation", "education", "status"];

    private static readonly IReadOnlyDictionary<string, RegistrationStatus> Statuses =
        new Dictionary<string, RegistrationStatus>(StringComparer.OrdinalIgnoreCase)
        {
            ["active"] = RegistrationStatus.Active,
            ["cancelled"] = RegistrationStatus.Cancelled,
        };

    /// <param name="siteExists">Whether a site is known; a registration at an unknown site is rejected.</param>
    public static async IAsyncEnumerable<ImportRow<Registration>> ReadAsync(
        Stream csv,
        Func<string, bool> siteExists,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var row in CsvTable.ReadAsync(csv, Columns, cancellationToken).ConfigureAwait(false))
        {
            yield return row.Record is { } fields ? Parse(fields, siteExists) : ImportRow<Registration>.Rejected(row.Row, row.Reason!);
        }
    }

    public static ImportRow<Registration> Parse(CsvFields fields, Func<string, bool> siteExists)
    {
        ArgumentNullException.ThrowIfNull(fields);
        ArgumentNullException.ThrowIfNull(siteExists);

        var idNumber = IdNumberOf(fields);
        var name = fields.Required("name");
        var siteId = fields.Identifier("siteId");
        if (Identifier.IsValid(siteId) && !siteExists(siteId))
        {
            fields.Problem($"siteId '{siteId}' is not a known site; import it in the sites first");
        }

        var registeredOn = fields.Date("registeredOn", required: true);
        var validUntil = fields.Date("validUntil", required: false);
        if (registeredOn is { } from && validUntil is { } until && until < from)
        {
            fields.Problem($"validUntil {until:yyyy-MM-dd} is before registeredOn {from:yyyy-MM-dd}");
        }

        var occupation = fields.Optional("occupation");
        var education = fields.Optional("education");
        var status = fields.OneOf("status", Statuses);

        return fields.Result(() => new Registration(
            idNumber, name, siteId, registeredOn!.Value, validUntil, occupation, education, status));
    }

    /// <remarks>The reason never repeats the number: rejections are shown and logged.</remarks>
    private static string IdNumberOf(CsvFields fields)
    {
        var raw = fields.Required("idNumber");
        if (raw.Length == 0)
        {
            return raw;
        }

        var resident = IdNumber.Normalize(raw);
        if (resident.IsValid)
        {
            return resident.Normalized!;
        }

        // A 2017 foreigner's permanent residence number (3 letters, 12 digits) has no check character to test.
        var foreign = CardNumber.Normalize(CardType.ForeignPermanent, raw);
        if (foreign.IsValid)
        {
            return foreign.Normalized!;
        }

        fields.Problem($"idNumber is not valid: {resident.Error}");
        return raw;
    }
}
