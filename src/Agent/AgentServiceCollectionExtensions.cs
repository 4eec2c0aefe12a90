using GateSync.Agent.Configuration;
using GateSync.Agent.Doors;
using GateSync.Agent.Outbox;
using GateSync.Agent.Publishing;
using GateSync.Agent.Readers;
using GateSync.Agent.Residents;
using Microsoft.Extensions.Options;

namespace GateSync.Agent;

public static class AgentServiceCollectionExtensions
{
    /// <summary>The whole agent: readers, residents, doors, outbox and publisher, from the <c>Agent</c> settings.</summary>
    public static IServiceCollection AddAgent(this IServiceCollection services, IConfiguration configuration) =>
        // Hosted services stop in reverse order: readers first, then the publisher, then the recorder stores the last swipes.
        services
            .AddAgentOptions(configuration)
            .AddAgentResidents()
            .AddAgentDoors(sp => sp.GetRequiredService<IOptions<AgentOptions>>().Value.Doors)
            .AddAgentOutbox()
            .AddAgentPublishing()
            .AddAgentReaders();
}
