using System.Text.Json;
using GateSync.Contracts.Wire;
using GateSync.Hub.Tests.Agents;
using GateSync.Hub.Tests.HubApi;
using GateSync.Hub.Tests.Reconciliation;
using GateSync.Hub.Tests.Support;
using GateSync.Testing;
using GateSync.Testing.Processes;

namespace GateSync.Hub.Tests.Delivery;

/// <summary>The hub sends an agent its site's residents on its <c>cmd</c> topic: when it comes online, and after an import changes them.</summary>
public sealed class ResidentsDeliveryTests : IAsyncLifetime
{
    private const string Site = "fr-0042";
    private const string OtherSite = "fr-0043";
    private const string AgentId = "fr-0042-a";

    private static readonly string First = TestPeople.NonLocal(11);
    private static readonly string Second = TestPeople.NonLocal(12);
    private static readonly string Elsewhere = TestPeople.NonLocal(13);

    private readonly TempDirectory _data = new();
    private readonly int _port = FreeTcpPort.Next();
    private RunningHub _hub = null!;

    public async Task InitializeAsync()
    {
        _hub = await RunningHub.StartEmbeddedAsync(_data.Path, _port, requireAuthentication: true);
        await _hub.ImportAsync("communities", "community,station,area,coManagers\nnorth-c1,north,urban,0\n");
        await _hub.ImportAsync("sites", $"""
            siteId,name,kind,address,community,station,area,operator,operatorPhone
            {Site},北苑1号,rental,,north-c1,north,urban,王房东,13800000001
            {OtherSite},北工地,worksite,,north-c1,north,urban,某建筑公司,13800000002
            """);
    }

    public async Task DisposeAsync()
    {
        await _hub.DisposeAsync();
        _data.Dispose();
    }

    [Fact]
    public async Task An_agent_gets_its_sites_residents_when_it_comes_online_and_again_when_an_import_changes_them()
    {
        await _hub.ImportAsync("registrations", District.Registration(First, Site));
        var (username, password) = await AgentClient.RegisterAsync(_hub, Site, AgentId);
        await using var agent = await AgentClient.ConnectAsync(_port, username, password);
        await agent.SubscribeAsync(Topics.Command(Site, AgentId));

        await agent.PublishAsync(Topics.Status(Site, AgentId), Status(AgentState.Online));
        await Eventually.TrueAsync(() => Task.FromResult(Lists(agent).Count == 1), "the residents on coming online");
        var onConnect = Lists(agent)[0];
        Assert.Equal([First], People(onConnect, First, Second));
        Assert.DoesNotContain(First, Raw(agent), StringComparison.Ordinal);

        await _hub.ImportAsync("registrations", District.Registration(Second, Site));
        await Eventually.TrueAsync(() => Task.FromResult(Lists(agent).Count == 2), "the residents after the import");
        var afterImport = Lists(agent)[1];
        Assert.True(afterImport.Version > onConnect.Version);
        Assert.Equal(onConnect.Salt, afterImport.Salt);
        Assert.Equal([First, Second], People(afterImport, First, Second));

        // An import for another site, and a periodic status, do not resend an unchanged list.
        await _hub.ImportAsync("registrations", District.Registration(Elsewhere, OtherSite));
        await agent.PublishAsync(Topics.Status(Site, AgentId), Status(AgentState.Online));
        await Task.Delay(TimeSpan.FromSeconds(4));
        Assert.Equal(2, Lists(agent).Count);

        // Back after being away: the list is sent again.
        await agent.PublishAsync(Topics.Status(Site, AgentId), Status(AgentState.Offline));
        await agent.PublishAsync(Topics.Status(Site, AgentId), Status(AgentState.Online));
        await Eventually.TrueAsync(() => Task.FromResult(Lists(agent).Count == 3), "the residents after reconnecting");
        Assert.Equal(afterImport.Version, Lists(agent)[2].Version);
    }

    [Fact]
    public async Task A_cancelled_registration_leaves_the_list()
    {
        await _hub.ImportAsync("registrations", District.Registration(First, Site) + $"{Second},李四,{Site},2026-01-05,,,,active\n");
        var (username, password) = await AgentClient.RegisterAsync(_hub, Site, AgentId);
        await using var agent = await AgentClient.ConnectAsync(_port, username, password);
        await agent.SubscribeAsync(Topics.Command(Site, AgentId));
        await agent.PublishAsync(Topics.Status(Site, AgentId), Status(AgentState.Online));
        await Eventually.TrueAsync(() => Task.FromResult(Lists(agent).Count == 1), "the residents on coming online");

        await _hub.ImportAsync("registrations", District.Registration(Second, Site, status: "cancelled"));

        await Eventually.TrueAsync(() => Task.FromResult(Lists(agent).Count == 2), "the residents after the cancellation");
        Assert.Equal([First], People(Lists(agent)[1], First, Second));
    }

    private static byte[] Status(AgentState state) => ContractJson.Serialize(new AgentStatus
    {
        AgentId = AgentId, SiteId = Site, State = state, At = DateTimeOffset.UtcNow,
    });

    private static string Raw(AgentClient agent) => string.Join('\n', agent.Received.Select(m => m.Payload));

    private static List<SiteResidents> Lists(AgentClient agent) =>
        [.. agent.Received.Where(m => m.Topic == Topics.Command(Site, AgentId))
            .Select(m => JsonSerializer.Deserialize(m.Payload, ContractJson.Context.AgentCommand)!.Residents)
            .OfType<SiteResidents>()];

    /// <summary>Which of <paramref name="candidates"/> are on the list, as an agent would test them.</summary>
    private static List<string> People(SiteResidents residents, params string[] candidates)
    {
        var salt = Convert.FromBase64String(residents.Salt);
        return [.. candidates.Where(n => residents.Hashes.Contains(SiteResidents.EncodedHashOf(salt, n)))];
    }
}
