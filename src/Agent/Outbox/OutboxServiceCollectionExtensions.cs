using GateSync.Agent.Doors;
using System.Threading.Channels;
using GateSync.Agent.Configuration;
using GateSync.Agent.Readers;
using Microsoft.Extensions.Options;

namespace GateSync.Agent.Outbox;

public static class OutboxServiceCollectionExtensions
{
    /// <summary>
    /// The outbox file and the recorder that fills it from the swipe channel. Register before <c>AddAgentReaders</c>:
    /// hosted services stop in reverse order, so the readers stop first and the recorder still stores their last swipes.
    /// </summary>
    public static IServiceCollection AddAgentOutbox(this IServiceCollection services)
    {
        services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<AgentOptions>>().Value;
            return new CheckInOutbox(
                sp.GetRequiredService<AgentPaths>().DataDirectory,
                options.SiteId,
                options.AgentId,
                sp.GetRequiredService<TimeProvider>(),
                sp.GetRequiredService<ILogger<CheckInOutbox>>(),
                OutboxKey.From(options.Outbox));
        });
        services.AddSingleton<OutboxSignal>();
        services.AddSwipeChannel();
        services.AddHostedService(sp => new SwipeRecorder(
            sp.GetRequiredService<Channel<CardSwipe>>().Reader,
            sp.GetRequiredService<DoorAccess>(),
            sp.GetRequiredService<CheckInOutbox>(),
            sp.GetRequiredService<OutboxSignal>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<SwipeRecorder>>()));
        return services;
    }
}
