using GateSync.Agent.Outbox;
using GateSync.Agent.Readers;
using GateSync.Agent.Tests.Infrastructure;
using GateSync.Contracts.Wire;
using GateSync.Testing;
using GateSync.Testing.Mqtt;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace GateSync.Agent.Tests.Publishing;

public sealed class AgentHostTests
{
    [Fact]
    public async Task The_agent_composed_as_in_Program_publishes_simulated_swipes_to_the_broker()
    {
        await using var broker = await MosquittoBroker.StartAsync();
        await using var hub = await TestSubscriber.ConnectAsync(broker, Topics.CheckIn("site-h", "agent-h"));
        using var data = new TempDirectory();
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Agent:SiteId"] = "site-h",
            ["Agent:AgentId"] = "agent-h",
            ["Agent:DataDirectory"] = data.Path,
            ["Agent:Readers:0:ReaderId"] = "gate-1",
            ["Agent:Readers:0:Kind"] = "Simulated",
            ["Agent:Readers:0:SwipesPerMinute"] = "1200",
            ["Agent:Mqtt:Host"] = broker.Host,
            ["Agent:Mqtt:Port"] = broker.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
        builder.Services.AddLogging();
        builder.Services.AddAgent(builder.Configuration);
        using var host = builder.Build();

        await host.StartAsync();
        await Eventually.TrueAsync(() => hub.Messages.Count >= 10, "10 simulated check-ins at the subscriber");
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await host.StopAsync(timeout.Token);

        Assert.All(hub.Messages, m => Assert.True(CheckInValidator.Validate(m.Topic, m.Payload).IsValid));
        Assert.True(File.Exists(Path.Combine(data.Path, CheckInOutbox.FileName)));
        Assert.Single(host.Services.GetRequiredService<AgentReaders>().All);
    }
}
