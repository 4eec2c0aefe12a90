using GateSync.Agent.Configuration;
using GateSync.Agent.Outbox;
using GateSync.Agent.Publishing;
using GateSync.Agent.Readers;
using GateSync.Contracts.Wire;
using GateSync.Testing;
using GateSync.Testing.Mqtt;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace GateSync.Agent.Tests.Infrastructure;

/// <summary>An outbox in a temp directory and a <see cref="MqttPublisher"/> pointed at a test broker, wired as the host wires them.</summary>
public sealed class PublisherRig : IAsyncDisposable
{
    public const string SiteId = "site-1";
    public const string AgentId = "agent-1";

    private readonly TempDirectory _directory = new();

    /// <param name="prepare">Fills the data directory before the outbox opens it, e.g. with a stored backlog.</param>
    public PublisherRig(
        MosquittoBroker broker, int statusIntervalSeconds = 60, int ackTimeoutSeconds = 120, int drainRatePerSecond = 1000, Action<string>? prepare = null)
    {
        prepare?.Invoke(_directory.Path);
        var options = new AgentOptions
        {
            SiteId = SiteId,
            AgentId = AgentId,
            DataDirectory = _directory.Path,
            Mqtt = new MqttOptions { Host = broker.Host, Port = broker.Port, KeepAliveSeconds = 5, ConnectTimeoutSeconds = 10 },
            Publishing = new PublishingOptions { DrainRatePerSecond = drainRatePerSecond, StatusIntervalSeconds = statusIntervalSeconds, AckTimeoutSeconds = ackTimeoutSeconds },
        };
        Outbox = new CheckInOutbox(_directory.Path, SiteId, AgentId, TimeProvider.System, NullLogger<CheckInOutbox>.Instance);
        Publisher = new MqttPublisher(
            Options.Create(options),
            Outbox,
            Signal,
            new AgentReaders([]),
            TimeProvider.System,
            Log);
    }

    public CheckInOutbox Outbox { get; }

    public ListLogger<MqttPublisher> Log { get; } = new();

    public OutboxSignal Signal { get; } = new();

    public MqttPublisher Publisher { get; }

    public static string CheckInTopic => Topics.CheckIn(SiteId, AgentId);

    public static string StatusTopic => Topics.Status(SiteId, AgentId);

    /// <summary>Appends swipes as the recorder does: store, then wake the publisher.</summary>
    public void Append(int count, int firstIndex = 0)
    {
        for (var i = 0; i < count; i++)
        {
            Outbox.Append(TestSwipes.At(firstIndex + i), AccessDecision.Recorded);
            Signal.Notify();
        }
    }

    public async ValueTask DisposeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await Publisher.StopAsync(timeout.Token);
        Publisher.Dispose();
        Outbox.Dispose();
        _directory.Dispose();
    }
}
