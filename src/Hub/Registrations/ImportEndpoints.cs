using GateSync.Hub.Api;
using GateSync.Hub.Reconciliation;
using Microsoft.AspNetCore.Http.Features;

namespace GateSync.Hub.Registrations;

/// <summary>
/// <c>POST /api/import/sites|communities|registrations</c> (CSV body, any content type) and
/// <c>POST /api/reconciliation/rebuild</c>. District administrators only: the roll is the district's, and a
/// station's staff work findings rather than edit the roll another station relies on.
/// </summary>
public static class ImportEndpoints
{
    /// <summary>An import may be far larger than Kestrel's 30 MB default; it is streamed, so size costs no memory.</summary>
    public const long MaxImportBytes = 2L * 1024 * 1024 * 1024;

    public static IEndpointRouteBuilder MapImportEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var import = endpoints.MapGroup("/api/import").RequireAuthorization(HubPolicies.Administer);
        import.MapPost("/sites", (HttpContext context, RollImporter importer) =>
            AnswerAsync(context, body => importer.ImportSitesAsync(body, context.RequestAborted)));
        import.MapPost("/communities", (HttpContext context, RollImporter importer) =>
            AnswerAsync(context, body => importer.ImportCommunitiesAsync(body, context.RequestAborted)));
        import.MapPost("/registrations", (HttpContext context, RollImporter importer) =>
            AnswerAsync(context, body => importer.ImportRegistrationsAsync(body, context.RequestAborted)));

        endpoints.MapPost("/api/reconciliation/rebuild", async (Reconciler reconciler, CancellationToken cancellationToken) =>
                Results.Ok(await reconciler.RebuildAsync(cancellationToken).ConfigureAwait(false)))
            .RequireAuthorization(HubPolicies.Administer);
        return endpoints;
    }

    private static async Task<IResult> AnswerAsync(HttpContext context, Func<Stream, Task<ImportResult>> import)
    {
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = MaxImportBytes;
        }

        var result = await import(context.Request.Body).ConfigureAwait(false);
        return result.FileRefused
            ? Results.BadRequest(new ImportRefused(result.Rejected[0].Reason, result.Imported, result.Updated, result.Rejected))
            : Results.Ok(result);
    }
}

/// <summary>A file refused whole (row 0): the import's answer, with the reason also as <c>error</c>.</summary>
public sealed record ImportRefused(string Error, int Imported, int Updated, IReadOnlyList<RejectedRow> Rejected);
