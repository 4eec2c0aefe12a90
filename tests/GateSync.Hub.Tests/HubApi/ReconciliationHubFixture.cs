using GateSync.Contracts.Wire;
using GateSync.Hub.Reconciliation;
using GateSync.Hub.Storage;
using GateSync.Hub.Tests.Support;
using GateSync.Testing;
using GateSync.Testing.Processes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace GateSync.Hub.Tests.HubApi;

/// <summary>
/// A real hub (embedded broker, temp LiteDB) on a fake clock at 10 March 2026 noon in Shanghai, with the
/// <see cref="District"/> imported and two unregistered lodgers (north and south) already found.
/// </summary>
public sealed class ReconciliationHubFixture : IAsyncLifetime
{
    public static readonly DateTimeOffset Now = new(2026, 3, 10, 12, 0, 0, TimeSpan.FromHours(8));

    private readonly TempDirectory _data = new();

    public FakeTimeProvider Time { get; } = new(Now);

    internal RunningHub Hub { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Hub = await RunningHub.StartEmbeddedAsync(_data.Path, FreeTcpPort.Next(), builder => builder.Services.AddSingleton<TimeProvider>(Time));
        await Hub.ImportAsync("sites", District.Sites);
        await Hub.ImportAsync("communities", District.Communities);
        await StoreCheckInsAsync(
            Lodge(District.NorthLodger, "site-n1", "north-agent", 1, day: 1),
            Lodge(District.NorthLodger, "site-n1", "north-agent", 2, day: 2),
            Lodge(District.SouthLodger, "site-s1", "south-agent", 1, day: 1),
            Lodge(District.SouthLodger, "site-s1", "south-agent", 2, day: 3));
    }

    public async Task DisposeAsync()
    {
        await Hub.DisposeAsync();
        _data.Dispose();
    }

    /// <summary>Stores check-ins and hands them to reconciliation as the ingest writer does (MQTT is the end-to-end test's).</summary>
    internal Task StoreCheckInsAsync(params CheckIn[] checkIns) => StoreCheckInsAsync(Hub, Time, checkIns);

    internal static Task StoreCheckInsAsync(RunningHub hub, TimeProvider time, params CheckIn[] checkIns)
    {
        var batch = new IngestBatch(checkIns, [], [], time.GetUtcNow());
        hub.Services.GetRequiredService<CheckInStore>().Commit(batch);
        return hub.Services.GetRequiredService<Reconciler>().RecordCommittedAsync(batch, CancellationToken.None);
    }

    /// <summary>A check-in at 08:00 Shanghai on the given March day.</summary>
    internal static CheckIn Lodge(string idNumber, string siteId, string agentId, long seq, int day)
    {
        var template = CheckIns.Create(siteId, agentId, seq, idNumber);
        return template with { OccurredAt = new DateTimeOffset(2026, 3, day, 8, 0, 0, TimeSpan.FromHours(8)) };
    }
}
