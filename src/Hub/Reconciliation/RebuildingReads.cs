namespace GateSync.Hub.Reconciliation;

/// <summary>
/// How reads answer while the engine has not yet been rebuilt since the hub started. What is computed from the
/// engine (presences: reports, the dashboard's trend) would be computed from nothing, so it is refused with 503 and
/// <c>Retry-After</c>, as a search cluster refuses queries while it recovers, rather than answered as if true.
/// Stored findings are whole as of before the restart and stay the work list: they are served, marked.
/// </summary>
public static class RebuildingReads
{
    /// <summary>Response header on stored reads while the engine is rebuilding: <c>rebuilding</c>.</summary>
    public const string Header = "GateSync-Reconciliation";

    /// <summary>For endpoints computed from the engine: 503 until it has been rebuilt.</summary>
    public static async ValueTask<object?> RequireRebuilt(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var services = context.HttpContext.RequestServices;
        var status = services.GetRequiredService<HubReadiness>().Reconciliation;
        if (status.IsCurrent)
        {
            return await next(context).ConfigureAwait(false);
        }

        var retryAfter = RetryAfterSeconds(status, services.GetRequiredService<TimeProvider>().GetUtcNow());
        context.HttpContext.Response.Headers.RetryAfter = retryAfter.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return Results.Json(
            new RebuildingResponse($"reconciliation is {Describe(status)} since the hub started; ask again shortly", status),
            statusCode: StatusCodes.Status503ServiceUnavailable);
    }

    /// <summary>For endpoints that read stored findings: served, with <see cref="Header"/> while the engine rebuilds.</summary>
    public static async ValueTask<object?> MarkWhileRebuilding(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        if (!context.HttpContext.RequestServices.GetRequiredService<HubReadiness>().Reconciliation.IsCurrent)
        {
            context.HttpContext.Response.Headers[Header] = "rebuilding";
        }

        return await next(context).ConfigureAwait(false);
    }

    /// <summary>The time left at the pace so far, at least a second and at most a minute (a retry's check).</summary>
    internal static int RetryAfterSeconds(ReconciliationStatus status, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(status);
        if (status is { State: RebuildState.Rebuilding, StartedAt: { } started, Progress: > 0 and < 1 })
        {
            var elapsed = (now - started).TotalSeconds;
            return (int)Math.Clamp(Math.Ceiling(elapsed / status.Progress * (1 - status.Progress)), 1, 60);
        }

        return status.State == RebuildState.Failed ? (int)ReconciliationStartup.RetryAfter.TotalSeconds : 5;
    }

    private static string Describe(ReconciliationStatus status) => status.State switch
    {
        RebuildState.Rebuilding => "rebuilding",
        RebuildState.Failed => "not yet rebuilt (the last attempt failed)",
        _ => "not yet rebuilt",
    };
}

/// <summary>The 503 answer of a read computed from the engine before it has been rebuilt.</summary>
public sealed record RebuildingResponse(string Error, ReconciliationStatus Reconciliation);
