using GateSync.Contracts.Wire;
using GateSync.Hub.Delivery;
using GateSync.Hub.Storage;
using GateSync.Hub.Tests.Support;
using GateSync.Testing;
using GateSync.Testing.Processes;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace GateSync.Hub.Tests.Delivery;

public sealed class RetentionPurgeTests
{
    [Fact]
    public async Task Check_ins_past_retention_are_deleted_but_the_agent_still_counts_them_and_a_late_copy_stays_a_duplicate()
    {
        using var data = new TempDirectory();
        var port = FreeTcpPort.Next();
        await using var hub = await RunningHub.StartEmbeddedAsync(data.Path, port, KeepDays(30));
        await using var agent = await Publisher.ConnectAsync(port, "retention-agent");

        // seq 1 and 2 occurred 40 days ago, seq 3 today.
        await PublishAsync(agent, 1, DateTimeOffset.Now.AddDays(-40));
        await PublishAsync(agent, 2, DateTimeOffset.Now.AddDays(-40));
        await PublishAsync(agent, 3, DateTimeOffset.Now);
        await Eventually.EqualAsync(3L, () => hub.CountAsync(), "3 stored");

        var purged = hub.Services.GetRequiredService<RetentionPurge>().PurgeNow();

        Assert.Equal(2, purged);
        Assert.Equal(1L, await hub.CountAsync());
        var summary = (await hub.AgentAsync("fr-0042-a"))!.Value;
        Assert.Equal(3, summary.GetProperty("storedCount").GetInt64());
        Assert.Equal("[]", await hub.MissingAsync("fr-0042-a"));

        await PublishAsync(agent, 1, DateTimeOffset.Now.AddDays(-40));
        await Eventually.TrueAsync(
            () => Task.FromResult(hub.Services.GetRequiredService<HubQueries>().Agents().Single().DuplicateCount == 1),
            "the late copy counted as a duplicate");
        Assert.Equal(1L, await hub.CountAsync());
    }

    [Fact]
    public async Task Rejected_messages_past_their_retention_are_deleted_newer_ones_kept()
    {
        using var data = new TempDirectory();
        var port = FreeTcpPort.Next();
        await using var hub = await RunningHub.StartEmbeddedAsync(data.Path, port);
        await using var agent = await Publisher.ConnectAsync(port, "retention-agent");

        // One rejected 31 days ago (Hub:Retention:RejectedDays is 30 by default), and a malformed check-in now.
        var database = hub.Services.GetRequiredService<HubDatabase>();
        database.Rejected.Insert(new RejectedDocument
        {
            Topic = Topics.CheckIn("fr-0042", "fr-0042-a"),
            Kind = nameof(RejectionKind.BadJson),
            Reason = "old",
            ReceivedAt = DateTimeOffset.UtcNow.AddDays(-31),
            Payload = "{\"idNumber\": \"130207199001010012\"",
        });
        await agent.PublishAsync(Topics.CheckIn("fr-0042", "fr-0042-a"), "not json"u8.ToArray());
        await Eventually.EqualAsync(2L, () => Task.FromResult(hub.RejectedCount()), "the new one rejected beside the old");

        hub.Services.GetRequiredService<RetentionPurge>().PurgeNow();

        Assert.Equal("not json", Assert.Single(database.Rejected.FindAll()).Payload);
    }

    private static Task PublishAsync(Publisher agent, long seq, DateTimeOffset occurredAt) =>
        agent.PublishAsync(
            Topics.CheckIn("fr-0042", "fr-0042-a"),
            ContractJson.Serialize(CheckIns.Create("fr-0042", "fr-0042-a", seq) with { OccurredAt = occurredAt }));

    private static Action<WebApplicationBuilder> KeepDays(int days) => builder =>
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Hub:Retention:CheckInDays"] = days.ToString(System.Globalization.CultureInfo.InvariantCulture) });
}
