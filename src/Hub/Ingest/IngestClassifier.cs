using System.Buffers;
using GateSync.Contracts.Wire;
using GateSync.Hub.Storage;

namespace GateSync.Hub.Ingest;

/// <summary>Sorts received messages into check-ins, statuses and rejections for one batch. Pure.</summary>
public static class IngestClassifier
{
    public static IngestBatch Classify(IReadOnlyList<IngestMessage> messages, DateTimeOffset receivedAt)
    {
        var checkIns = new List<CheckIn>(messages.Count);
        var statuses = new List<AgentStatus>();
        var rejections = new List<Rejection>();
        foreach (var message in messages)
        {
            var topic = Topics.Parse(message.Topic);
            if (topic?.Kind == AgentTopic.StatusKind)
            {
                // An empty retained message only clears the broker's copy; it says nothing about the agent.
                if (message.Payload.IsEmpty)
                {
                    continue;
                }

                var (status, kind, reason) = StatusValidator.Validate(topic, message.Payload.Span);
                if (status is not null)
                {
                    statuses.Add(status);
                }
                else
                {
                    rejections.Add(new Rejection(message.Topic, kind!.Value, reason!, message.Payload));
                }

                continue;
            }

            var validation = CheckInValidator.Validate(message.Topic, new ReadOnlySequence<byte>(message.Payload));
            if (validation.CheckIn is not null)
            {
                checkIns.Add(validation.CheckIn);
            }
            else
            {
                rejections.Add(new Rejection(message.Topic, validation.Kind!.Value, validation.Reason!, message.Payload));
            }
        }

        return new IngestBatch(checkIns, statuses, rejections, receivedAt);
    }
}
