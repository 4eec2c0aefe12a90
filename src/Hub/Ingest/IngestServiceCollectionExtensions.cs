using GateSync.Hub.Ingest;

namespace Microsoft.Extensions.DependencyInjection;

public static class IngestServiceCollectionExtensions
{
    /// <summary>The MQTT subscription and the batch writer behind it.</summary>
    public static IServiceCollection AddHubIngest(this IServiceCollection services)
    {
        services.AddSingleton<IngestQueue>();
        // The writer first: hosted services stop in reverse order, so the subscription goes before its writer.
        services.AddHostedService<IngestBatchWriter>();
        services.AddHostedService<IngestSubscriber>();
        return services;
    }
}
