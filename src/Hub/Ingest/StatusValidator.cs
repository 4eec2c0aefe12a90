using System.Text.Json;
using GateSync.Contracts;
using GateSync.Contracts.Wire;

namespace GateSync.Hub.Ingest;

/// <summary>
/// Turns a message on <c>gatesync/v1/{siteId}/{agentId}/status</c> into an <see cref="AgentStatus"/> or a rejection.
/// The status counterpart of <see cref="CheckInValidator"/>; never throws on bad input.
/// </summary>
public static class StatusValidator
{
    public const int MaxPayloadBytes = 16 * 1024;

    public static (AgentStatus? Status, RejectionKind? Kind, string? Reason) Validate(AgentTopic topic, ReadOnlySpan<byte> payload)
    {
        if (payload.Length > MaxPayloadBytes)
        {
            return (null, RejectionKind.TooLarge, $"payload of {payload.Length} bytes exceeds {MaxPayloadBytes}");
        }

        AgentStatus? status;
        try
        {
            status = JsonSerializer.Deserialize(payload, ContractJson.Context.AgentStatus);
        }
        catch (JsonException ex)
        {
            return (null, RejectionKind.BadJson, ex.Message);
        }
        catch (ArgumentException ex)
        {
            return (null, RejectionKind.BadJson, ex.Message);
        }

        if (status is null)
        {
            return (null, RejectionKind.BadJson, "payload is JSON null, not a status object");
        }

        if (status.V != ContractVersion.Current)
        {
            return (null, RejectionKind.BadField, $"v is {status.V}; this hub reads contract version {ContractVersion.Current}");
        }

        if (status.SiteId != topic.SiteId || status.AgentId != topic.AgentId)
        {
            return (null, RejectionKind.TopicMismatch, $"payload says {status.SiteId}/{status.AgentId} but the topic says {topic.SiteId}/{topic.AgentId}");
        }

        return (status, null, null);
    }
}
