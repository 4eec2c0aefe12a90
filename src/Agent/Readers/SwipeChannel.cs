using System.Threading.Channels;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace GateSync.Agent.Readers;

public static class SwipeChannel
{
    /// <summary>Enough for minutes of a busy gate; when the outbox stalls, readers wait rather than drop a swipe.</summary>
    public const int Capacity = 1024;

    public static Channel<CardSwipe> Create() => Channel.CreateBounded<CardSwipe>(
        new BoundedChannelOptions(Capacity) { FullMode = BoundedChannelFullMode.Wait, SingleReader = true });

    /// <summary>The one channel between the readers and the outbox; both features add it, it exists once.</summary>
    public static IServiceCollection AddSwipeChannel(this IServiceCollection services)
    {
        services.TryAddSingleton(_ => Create());
        return services;
    }
}
