using System.Threading.Channels;
using GateSync.Agent.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace GateSync.Agent.Readers;

public static class ReaderServiceCollectionExtensions
{
    /// <summary>The configured readers and the host that runs them, writing into the swipe channel.</summary>
    public static IServiceCollection AddAgentReaders(this IServiceCollection services)
    {
        services.AddSwipeChannel();
        services.TryAddSingleton<CardReaderFactory>();
        services.AddSingleton(sp =>
        {
            var factory = sp.GetRequiredService<CardReaderFactory>();
            var options = sp.GetRequiredService<IOptions<AgentOptions>>().Value;
            return new AgentReaders([.. options.Readers.Select(factory.Create)]);
        });
        services.AddHostedService(sp => new ReaderHost(
            sp.GetRequiredService<AgentReaders>(),
            sp.GetRequiredService<Channel<CardSwipe>>().Writer,
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<ReaderHost>>()));
        return services;
    }
}
