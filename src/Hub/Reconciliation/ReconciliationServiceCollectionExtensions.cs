using GateSync.Hub.Access;
using GateSync.Hub.Audit;
using GateSync.Hub.Findings;
using GateSync.Hub.Ingest;
using GateSync.Hub.Reconciliation;
using GateSync.Hub.Registrations;
using GateSync.Hub.Reports;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

public static class ReconciliationServiceCollectionExtensions
{
    /// <summary>
    /// The roll and its imports, the reconciliation engine fed by ingest, imports and a timer, the findings,
    /// reports, users and the audit. <c>Hub:District</c> is validated at start.
    /// </summary>
    public static IServiceCollection AddHubReconciliation(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ReconciliationSettings>().Bind(configuration.GetSection(ReconciliationSettings.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<ReconciliationSettings>, DistrictSettingsValidator>();
        services.AddOptions<ImportOptions>().Bind(configuration.GetSection(ImportOptions.Section))
            .Validate(o => o.ChunkSize is >= 1 and <= 10_000, "Hub:Import:ChunkSize must be 1-10000")
            .Validate(o => o.ProgressEveryRows >= 1, "Hub:Import:ProgressEveryRows must be at least 1")
            .ValidateOnStart();

        services.AddSingleton(sp => new ReconciliationEngine(
            sp.GetRequiredService<IOptions<ReconciliationSettings>>().Value, sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<RegistrationRoll>();
        services.AddSingleton<FindingStore>();
        services.AddSingleton<SiteReportStore>();
        services.AddSingleton<EngineStateStore>();
        services.AddSingleton<SavedEngineState>();
        services.AddSingleton<Reconciler>();
        services.AddSingleton<IRegistrationsChangedObserver>(sp => sp.GetRequiredService<Reconciler>());
        services.AddSingleton<RollImporter>();
        services.AddSingleton<ReconciliationFeed>();
        services.AddSingleton<ICommittedCheckInsObserver>(sp => sp.GetRequiredService<ReconciliationFeed>());
        services.AddSingleton<ReportSource>();
        services.AddSingleton<AuditLog>();
        services.AddSingleton<UserStore>();
        services.AddSingleton<GateSync.Hub.Api.IBearerTokenResolver, IssuedTokenResolver>();
        services.AddAuthorizationBuilder().AddAccessPolicies();

        // The rebuild runs after start in the background; the worker and timer wait for it (Reconciler.ApplyAsync).
        services.AddHostedService<ReconciliationStartup>();
        services.AddHostedService<ReconciliationWorker>();
        services.AddHostedService<ReconciliationTimer>();

        // Stopped first (hosted services stop in reverse), while the database is open, to save the state for the next start.
        services.AddHostedService<EngineStateSaver>();
        return services;
    }

    public static IEndpointRouteBuilder MapHubReconciliation(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapImportEndpoints();

        // Until the engine is rebuilt after a start: stored findings are served marked, reports are refused (RebuildingReads).
        endpoints.MapGroup(string.Empty).AddEndpointFilter(RebuildingReads.MarkWhileRebuilding).MapFindingsEndpoints();
        endpoints.MapGroup(string.Empty).AddEndpointFilter(RebuildingReads.RequireRebuilt).MapReportsEndpoints();
        endpoints.MapUserEndpoints();
        endpoints.MapAuditEndpoints();
        return endpoints;
    }
}
