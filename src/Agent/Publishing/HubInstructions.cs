using System.Buffers;
using System.Text.Json;
using GateSync.Agent.Outbox;
using GateSync.Agent.Residents;
using GateSync.Contracts.Wire;

namespace GateSync.Agent.Publishing;

/// <summary>
/// What the hub tells this agent on its own <c>ack</c> and <c>cmd</c> topics: an <c>ack</c> ends the outbox's wait for
/// check-ins the hub has stored, a <c>replay</c> queues a range again, a <c>residents</c> list replaces the one the doors
/// use (when the agent keeps one). A malformed message is logged and ignored.
/// </summary>
public sealed class HubInstructions(
    string siteId, string agentId, CheckInOutbox outbox, OutboxSignal signal, ILogger logger, ResidentsList? residents = null)
{
    public string AckTopic { get; } = Topics.Ack(siteId, agentId);

    public string CommandTopic { get; } = Topics.Command(siteId, agentId);

    /// <summary>Never throws: a bad message from the network must not stop the publisher.</summary>
    public void Handle(string topic, ReadOnlySequence<byte> payload)
    {
        try
        {
            if (topic == AckTopic)
            {
                HandleAck(payload);
            }
            else if (topic == CommandTopic)
            {
                HandleCommand(payload);
            }
        }
        catch (JsonException ex)
        {
            PublisherLog.HubMessageMalformed(logger, topic, ex.Message);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // The outbox could not take it now; the hub acks again and asks again, so nothing is lost by skipping one.
            PublisherLog.HubMessageFailed(logger, ex, topic);
        }
    }

    private void HandleAck(ReadOnlySequence<byte> payload)
    {
        var reader = new Utf8JsonReader(payload);
        var ack = JsonSerializer.Deserialize(ref reader, ContractJson.Context.Ack);
        if (ack is null || ack.UpTo < 0)
        {
            PublisherLog.HubMessageMalformed(logger, AckTopic, "upTo missing or negative");
            return;
        }

        if (outbox.Acknowledge(ack.UpTo))
        {
            PublisherLog.Acked(logger, outbox.AckedUpTo);
        }
    }

    private void HandleCommand(ReadOnlySequence<byte> payload)
    {
        var reader = new Utf8JsonReader(payload);
        var command = JsonSerializer.Deserialize(ref reader, ContractJson.Context.AgentCommand);
        if (command?.Residents is { } list)
        {
            if (residents is null)
            {
                PublisherLog.HubMessageMalformed(logger, CommandTopic, "a residents list, but this agent keeps none");
                return;
            }

            residents.Apply(list);
            return;
        }

        if (command?.Replay is not { } range || range.From < 1 || range.To < range.From)
        {
            PublisherLog.HubMessageMalformed(logger, CommandTopic, "neither residents nor a replay of a range from 1 up");
            return;
        }

        var outcome = outbox.Replay(range.From, range.To);
        if (outcome.Gone > 0)
        {
            PublisherLog.ReplayPartlyGone(logger, range.From, range.To, outcome.Held, outcome.Gone);
        }
        else
        {
            PublisherLog.Replaying(logger, range.From, range.To, outcome.Held);
        }

        signal.Notify();
    }
}
