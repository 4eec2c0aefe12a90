using GateSync.Hub.Api;
using GateSync.Hub.Tests.Support;
using GateSync.Testing;
using GateSync.Testing.Processes;
using Microsoft.Extensions.DependencyInjection;

namespace GateSync.Hub.Tests.Ingest;

/// <summary>One real hub (embedded broker, temp data directory) shared by a test class; tests use their own agent IDs.</summary>
public sealed class EmbeddedHubFixture : IAsyncLifetime
{
    public const string StationToken = "test-station-token-0123456789";

    private readonly TempDirectory _data = new();

    internal RunningHub Hub { get; private set; } = null!;

    public int MqttPort { get; private set; }

    public async Task InitializeAsync()
    {
        MqttPort = FreeTcpPort.Next();
        Hub = await RunningHub.StartEmbeddedAsync(_data.Path, MqttPort, builder =>
            builder.Services.AddSingleton<IBearerTokenResolver>(new FixedTokenResolver(StationToken, new BearerIdentity("station-1", [HubRoles.StationStaff], Station: "north"))));
    }

    public async Task DisposeAsync()
    {
        await Hub.DisposeAsync();
        _data.Dispose();
    }

    private sealed class FixedTokenResolver(string token, BearerIdentity identity) : IBearerTokenResolver
    {
        public ValueTask<BearerIdentity?> ResolveAsync(string candidate, CancellationToken cancellationToken) =>
            ValueTask.FromResult(candidate == token ? identity : null);
    }
}
