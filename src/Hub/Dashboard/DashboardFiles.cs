using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Net.Http.Headers;

namespace GateSync.Hub.Dashboard;

/// <summary>
/// Serves the dashboard's pages, scripts and dictionaries from <c>wwwroot</c> under <c>/dashboard/</c>. They hold no
/// data (every figure comes from the API with the caller's session), so they are served to anyone.
/// </summary>
public static class DashboardFiles
{
    public const string BasePath = "/dashboard";

    // No inline script and nothing from elsewhere: the pages work offline in a district network.
    private const string ContentSecurityPolicy =
        "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

    private static readonly FileExtensionContentTypeProvider ContentTypes = new();

    public static IEndpointRouteBuilder MapDashboardFiles(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/", () => Results.Redirect(BasePath + "/")).ExcludeFromDescription();
        endpoints.MapGet(BasePath + "/{**path}", (string? path, IWebHostEnvironment environment, HttpContext context) =>
            {
                if (string.IsNullOrEmpty(path))
                {
                    // "/dashboard" must become "/dashboard/", or the pages' relative links would leave the folder.
                    return context.Request.Path.Value?.EndsWith('/') == true
                        ? Page(environment, context, "index.html")
                        : Results.Redirect(BasePath + "/");
                }

                return Page(environment, context, path);
            })
            .AllowAnonymous()
            .ExcludeFromDescription();
        return endpoints;
    }

    private static IResult Page(IWebHostEnvironment environment, HttpContext context, string relative)
    {
        // The provider refuses anything outside wwwroot ("..", absolute paths) by answering "not found".
        var file = environment.WebRootFileProvider.GetFileInfo(relative);
        if (!file.Exists || file.IsDirectory || file.PhysicalPath is null)
        {
            return Results.NotFound();
        }

        var headers = context.Response.Headers;
        headers.CacheControl = "no-cache";
        headers.XContentTypeOptions = "nosniff";
        headers[HeaderNames.ContentSecurityPolicy] = ContentSecurityPolicy;
        var contentType = ContentTypes.TryGetContentType(file.Name, out var type) ? type : "application/octet-stream";
        if (contentType.StartsWith("text/", StringComparison.Ordinal) || contentType == "application/json")
        {
            contentType += "; charset=utf-8";
        }

        return Results.File(file.PhysicalPath, contentType, lastModified: file.LastModified, enableRangeProcessing: false);
    }
}
