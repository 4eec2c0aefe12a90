namespace GateSync.Hub.Registrations;

/// <summary><c>POST /api/import/sites</c>: <c>siteId,name,kind,address,community,station,area,operator,operatorPhone</c>.</summary>
public static class SitesCsv
{
    public static readonly IReadOnlyList<string> Columns =
        ["siteId", "name", "kind", "address", "community", "station", "area", "operator", "operatorPhone"];

    internal static readonly IReadOnlyDictionary<string, SiteKind> Kinds = new Dictionary<string, SiteKind>(StringComparer.OrdinalIgnoreCase)
    {
        ["rental"] = SiteKind.Rental,
        ["worksite"] = SiteKind.Worksite,
        ["dormitory"] = SiteKind.Dormitory,
    };

    internal static readonly IReadOnlyDictionary<string, AreaKind> Areas = new Dictionary<string, AreaKind>(StringComparer.OrdinalIgnoreCase)
    {
        ["urban"] = AreaKind.Urban,
        ["rural"] = AreaKind.Rural,
    };

    public static async IAsyncEnumerable<ImportRow<Site>> ReadAsync(
        Stream csv, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var row in CsvTable.ReadAsync(csv, Columns, cancellationToken).ConfigureAwait(false))
        {
            yield return row.Record is { } fields ? Parse(fields) : ImportRow<Site>.Rejected(row.Row, row.Reason!);
        }
    }

    public static ImportRow<Site> Parse(CsvFields fields)
    {
        ArgumentNullException.ThrowIfNull(fields);
        var siteId = fields.Identifier("siteId");
        var name = fields.Required("name");
        var kind = fields.OneOf("kind", Kinds);
        var address = fields.Optional("address");
        var community = fields.Required("community");
        var station = fields.Required("station");
        var area = fields.OneOf("area", Areas);
        var siteOperator = fields.Optional("operator");
        var phone = fields.Optional("operatorPhone");
        return fields.Result(() => new Site(siteId, name, kind, address, community, station, area, siteOperator, phone));
    }
}
