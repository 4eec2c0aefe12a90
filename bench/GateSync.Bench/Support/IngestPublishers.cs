using GateSync.Testing.Mqtt;
using MQTTnet;

namespace GateSync.Bench.Support;

/// <summary>
/// Agents publishing check-ins as the ingest scenarios run them: <see cref="Count"/> MQTTnet clients, one agent ID each,
/// <see cref="Window"/> QoS 1 publishes in flight, never more than <see cref="MaxAhead"/> ahead of what the receiving
/// side has taken, so the broker always holds work without its queue growing for the whole run.
/// </summary>
public sealed class IngestPublishers : IAsyncDisposable
{
    public const int Count = 4;

    /// <summary>Publishes in flight per publisher; under the shipped broker's max_inflight_messages (100).</summary>
    public const int Window = 64;

    /// <summary>How far publishers may run ahead of what the receiving side has taken.</summary>
    public const long MaxAhead = 20_000;

    private readonly List<IMqttClient> clients;
    private readonly CancellationTokenSource stop = new();
    private readonly List<Task> loops;
    private long published;
    private long refused;

    private IngestPublishers(List<IMqttClient> clients, List<CheckInPayloads> agents, Func<long> taken)
    {
        this.clients = clients;
        loops = agents.Select((agent, i) => Task.Run(() => PublishAsync(clients[i], agent, taken))).ToList();
    }

    public long Published => Interlocked.Read(ref published);

    public long Refused => Interlocked.Read(ref refused);

    /// <summary>Starts publishing as agents <c>{agentPrefix}1</c>... at sites <c>site-001</c>...; <paramref name="taken"/> says how many the other side has.</summary>
    public static async Task<IngestPublishers> StartAsync(MosquittoBroker broker, string agentPrefix, Func<long> taken)
    {
        ArgumentNullException.ThrowIfNull(broker);
        var people = SyntheticPeople.Create(2000, 0.3, 7);
        var now = DateTimeOffset.UtcNow;
        var agents = Enumerable.Range(1, Count)
            .Select(i => new CheckInPayloads($"site-{i:000}", $"{agentPrefix}{i}", people, now, occurredDaysBack: 7))
            .ToList();
        var clients = new List<IMqttClient>();
        foreach (var agent in agents)
        {
            clients.Add(await Mqtt.ConnectAsync(broker.Host, broker.Port, agent.AgentId));
        }

        return new IngestPublishers(clients, agents, taken);
    }

    /// <summary>Stops publishing and waits for every publish in flight to be answered.</summary>
    public async Task StopAsync()
    {
        await stop.CancelAsync();
        await Task.WhenAll(loops);
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        foreach (var client in clients)
        {
            await client.DisconnectAsync();
            client.Dispose();
        }

        stop.Dispose();
    }

    private async Task PublishAsync(IMqttClient client, CheckInPayloads agent, Func<long> taken)
    {
        var pending = new Queue<Task<MqttClientPublishResult>>(Window);
        var seq = 0L;
        while (!stop.IsCancellationRequested)
        {
            if (Published - taken() > MaxAhead)
            {
                await Task.Delay(2, CancellationToken.None);
                continue;
            }

            seq++;
            pending.Enqueue(client.PublishAsync(Mqtt.CheckIn(agent.Topic, agent.For(seq)), CancellationToken.None));
            Interlocked.Increment(ref published);
            if (pending.Count >= Window && !Mqtt.Accepted(await pending.Dequeue()))
            {
                Interlocked.Increment(ref refused);
            }
        }

        while (pending.Count > 0)
        {
            if (!Mqtt.Accepted(await pending.Dequeue()))
            {
                Interlocked.Increment(ref refused);
            }
        }
    }
}
