using GateSync.Agent.Doors;
using GateSync.Agent.Readers;
using GateSync.Agent.Readers.Line;
using GateSync.Contracts.Wire;
using Microsoft.Extensions.DependencyInjection;

namespace GateSync.Agent.Tests.Doors;

public class DoorServiceCollectionExtensionsTests
{
    [Fact]
    public async Task Door_access_is_registered_and_is_the_readers_token_sink()
    {
        var services = new ServiceCollection()
            .AddSingleton(TimeProvider.System)
            .AddLogging()
            .AddAgentDoors(_ => [new DoorOptions { DoorId = "door-1", ReaderIds = ["gate-1"], Policy = AccessPolicy.RecordOnly }]);
        await using var provider = services.BuildServiceProvider();

        var access = provider.GetRequiredService<DoorAccess>();
        var card = new CardData { Type = CardType.Resident, IdNumber = "11010519491231002X", Name = "张三" };

        Assert.Same(access, provider.GetRequiredService<IAccessTokenSink>());
        Assert.Equal(AccessDecision.Recorded, access.Admit(new CardSwipe("gate-1", Direction.In, card, DateTimeOffset.UnixEpoch)));
    }
}
