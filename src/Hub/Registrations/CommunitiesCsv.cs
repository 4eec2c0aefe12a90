namespace GateSync.Hub.Registrations;

/// <summary><c>POST /api/import/communities</c>: <c>community,station,area,coManagers</c>.</summary>
public static class CommunitiesCsv
{
    public static readonly IReadOnlyList<string> Columns = ["community", "station", "area", "coManagers"];

    public static async IAsyncEnumerable<ImportRow<Community>> ReadAsync(
        Stream csv, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var row in CsvTable.ReadAsync(csv, Columns, cancellationToken).ConfigureAwait(false))
        {
            yield return row.Record is { } fields ? Parse(fields) : ImportRow<Community>.Rejected(row.Row, row.Reason!);
        }
    }

    public static ImportRow<Community> Parse(CsvFields fields)
    {
        ArgumentNullException.ThrowIfNull(fields);
        var name = fields.Required("community");
        var station = fields.Required("station");
        var area = fields.OneOf("area", SitesCsv.Areas);
        var coManagers = fields.Count("coManagers");
        return fields.Result(() => new Community(name, station, area, coManagers));
    }
}
