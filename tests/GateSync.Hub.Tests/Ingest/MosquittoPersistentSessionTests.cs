using GateSync.Hub.Ingest;
using GateSync.Hub.Tests.Support;
using GateSync.Testing;
using GateSync.Testing.Mqtt;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace GateSync.Hub.Tests.Ingest;

/// <summary>The hub in External mode against a real Mosquitto.</summary>
public sealed class MosquittoPersistentSessionTests
{
    private const string Site = "fr-0043";

    [Fact]
    public async Task Check_ins_published_while_the_hub_is_down_are_stored_when_it_restarts_with_the_same_data()
    {
        await using var mosquitto = await MosquittoBroker.StartAsync();
        using var data = new TempDirectory();
        var clientId = "gatesync-hub-test-" + Guid.NewGuid().ToString("N")[..8];
        const string agent = "mq-agent";

        var hub = await RunningHub.StartExternalAsync(data.Path, mosquitto.Port, clientId);
        await using (var publisher = await Publisher.ConnectAsync(mosquitto.Port, "agent-" + agent))
        {
            await publisher.PublishCheckInAsync(Site, agent, 1);
            await Eventually.EqualAsync(1L, () => hub.CountAsync($"?agentId={agent}"), "first check-in through Mosquitto");

            await hub.DisposeAsync();

            // The hub is away: Mosquitto must queue these for its persistent session.
            for (var seq = 2; seq <= 300; seq++)
            {
                await publisher.PublishCheckInAsync(Site, agent, seq);
            }

            await publisher.PublishCheckInAsync(Site, agent, 5);
        }

        hub = await RunningHub.StartExternalAsync(data.Path, mosquitto.Port, clientId);
        await using (hub)
        {
            await Eventually.EqualAsync(300L, () => hub.CountAsync($"?agentId={agent}"), "check-ins queued during the restart");
            Assert.Equal("[]", await hub.MissingAsync(agent));
            Assert.Equal(300, (await hub.AgentAsync(agent))!.Value.GetProperty("lastSeq").GetInt64());
        }
    }

    [Fact]
    public async Task A_check_in_received_but_not_committed_stays_with_the_broker_and_arrives_after_a_restart()
    {
        await using var mosquitto = await MosquittoBroker.StartAsync();
        using var data = new TempDirectory();
        var clientId = "gatesync-hub-test-" + Guid.NewGuid().ToString("N")[..8];
        const string agent = "unacked-agent";

        // A hub whose batch writer never runs: it receives check-ins but never commits, so never acknowledges.
        var stalled = await RunningHub.StartExternalAsync(data.Path, mosquitto.Port, clientId, builder =>
        {
            var writer = builder.Services.Single(d => d.ServiceType == typeof(IHostedService) && d.ImplementationType == typeof(IngestBatchWriter));
            builder.Services.Remove(writer);
        });
        await using (var publisher = await Publisher.ConnectAsync(mosquitto.Port, "agent-" + agent))
        {
            for (var seq = 1; seq <= 10; seq++)
            {
                await publisher.PublishCheckInAsync(Site, agent, seq);
            }
        }

        var queue = stalled.Services.GetRequiredService<IngestQueue>();
        await Eventually.EqualAsync(10, () => Task.FromResult(queue.Reader.Count), "check-ins received by the stalled hub");
        await stalled.DisposeAsync();

        await using var hub = await RunningHub.StartExternalAsync(data.Path, mosquitto.Port, clientId);
        await Eventually.EqualAsync(10L, () => hub.CountAsync($"?agentId={agent}"), "check-ins redelivered after the restart");
    }

    [Fact]
    public async Task When_the_broker_restarts_under_a_running_hub_it_reconnects_and_stores_what_follows()
    {
        await using var mosquitto = await MosquittoBroker.StartAsync();
        using var data = new TempDirectory();
        var clientId = "gatesync-hub-test-" + Guid.NewGuid().ToString("N")[..8];
        const string agent = "bounce-agent";

        await using var hub = await RunningHub.StartExternalAsync(data.Path, mosquitto.Port, clientId);
        await using (var publisher = await Publisher.ConnectAsync(mosquitto.Port, "agent-" + agent))
        {
            await publisher.PublishCheckInAsync(Site, agent, 1);
            await Eventually.EqualAsync(1L, () => hub.CountAsync($"?agentId={agent}"), "the check-in before the broker restarts");
        }

        var readiness = hub.Services.GetRequiredService<HubReadiness>();
        await mosquitto.StopAsync();
        await Eventually.TrueAsync(() => !readiness.IngestSubscribed, "the hub sees its connection end");
        await mosquitto.StartAgainAsync();
        await Eventually.TrueAsync(() => readiness.IngestSubscribed, "the hub subscribed again", diagnostics: mosquitto.RecentOutput);

        await using (var publisher = await Publisher.ConnectAsync(mosquitto.Port, "agent-" + agent))
        {
            for (var seq = 2; seq <= 200; seq++)
            {
                await publisher.PublishCheckInAsync(Site, agent, seq);
            }
        }

        await Eventually.EqualAsync(200L, () => hub.CountAsync($"?agentId={agent}"), "check-ins published after the broker came back", diagnostics: mosquitto.RecentOutput);
        Assert.Equal("[]", await hub.MissingAsync(agent));
    }
}
