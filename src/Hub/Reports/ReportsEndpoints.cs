using GateSync.Hub.Access;
using GateSync.Hub.Api;
using Microsoft.Net.Http.Headers;

namespace GateSync.Hub.Reports;

/// <summary>
/// <c>GET /api/reports/demographics|staffing|weekly</c>: JSON, or CSV with <c>format=csv</c> or <c>Accept: text/csv</c>.
/// Each is limited to the caller's area; a filter outside it gives an empty report, never another area's.
/// </summary>
public static class ReportsEndpoints
{
    public static IEndpointRouteBuilder MapReportsEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var reports = endpoints.MapGroup("/api/reports");

        reports.MapGet("/demographics", (HttpContext context, ReportSource source, string? station, string? community, string? format) =>
            {
                var scope = Caller.From(context.User).Narrow(station, community);
                var report = scope is null
                    ? DemographicsReport.Calculate([], source.Today, string.Empty)
                    : source.Demographics(scope);
                return WantsCsv(context, format) ? Csv(ReportCsv.Demographics(report), "demographics") : Results.Ok(report);
            })
            .RequireAuthorization(AccessPolicies.ReadArea);

        reports.MapGet("/staffing", (HttpContext context, ReportSource source, string? station, string? community, string? format) =>
            {
                var scope = Caller.From(context.User).Narrow(station, community);
                IReadOnlyList<StaffingLine> lines = [];
                if (scope is not null)
                {
                    var sites = source.Sites();
                    var population = StaffingReport.CountByCommunity(source.PopulationToday(scope, sites), sites);
                    lines = StaffingReport.Calculate(source.Communities().Where(c => Caller.Contains(scope, c)), population);
                }

                return WantsCsv(context, format) ? Csv(ReportCsv.Staffing(lines), "staffing") : Results.Ok(lines);
            })
            .RequireAuthorization(AccessPolicies.ReadArea);

        reports.MapGet("/weekly", (HttpContext context, ReportSource source, string? station, int? year, int? week, string? format) =>
            {
                var caller = Caller.From(context.User);
                var wanted = station ?? caller.Station;
                if (wanted is null)
                {
                    return Results.BadRequest(new ErrorResponse("station is required: the weekly report is per station"));
                }

                var current = ReportWeek.Containing(source.Today);
                if (ReportWeek.Of(year ?? current.Year, week ?? current.Week) is not { } reportWeek)
                {
                    return Results.BadRequest(new ErrorResponse("year and week must name an ISO week, e.g. year=2026&week=12"));
                }

                // Outside the caller's station the report is of no site: empty, not someone else's.
                var scope = caller.Narrow(wanted, null);
                var report = source.Weekly(scope is null ? string.Empty : wanted, reportWeek) with { Station = wanted };
                return WantsCsv(context, format) ? Csv(ReportCsv.Weekly(report), $"weekly-{wanted}-{reportWeek}") : Results.Ok(report);
            })
            .RequireAuthorization(AccessPolicies.ReadStationReport);

        return endpoints;
    }

    private static bool WantsCsv(HttpContext context, string? format) =>
        string.Equals(format, "csv", StringComparison.OrdinalIgnoreCase)
        || (format is null && context.Request.GetTypedHeaders().Accept.Any(a => a.MediaType.Equals("text/csv", StringComparison.OrdinalIgnoreCase)));

    private static IResult Csv(string content, string name) =>
        new CsvResult(content, name);

    /// <summary>A CSV body with a download name.</summary>
    private sealed class CsvResult(string content, string name) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.ContentType = ReportCsv.ContentType;
            httpContext.Response.Headers[HeaderNames.ContentDisposition] = $"attachment; filename=\"{name}.csv\"";
            return httpContext.Response.WriteAsync(content, httpContext.RequestAborted);
        }
    }
}
