using System.Buffers;
using System.Text.Json;
using GateSync.Contracts.Identity;

namespace GateSync.Contracts.Wire;

/// <summary>
/// Turns an MQTT check-in message into a <see cref="CheckIn"/> or a rejection with its reason.
/// Never throws on bad input: whatever arrives from the network is either a check-in or a counted rejection.
/// </summary>
public static class CheckInValidator
{
    /// <summary>A payload bigger than this is not a check-in (one is well under 2 KiB).</summary>
    public const int MaxPayloadBytes = 16 * 1024;

    public static CheckInValidation Validate(string topic, ReadOnlySequence<byte> payload)
    {
        if (payload.Length > MaxPayloadBytes)
        {
            return CheckInValidation.Reject(RejectionKind.TooLarge, $"payload of {payload.Length} bytes exceeds {MaxPayloadBytes}");
        }

        var parsedTopic = Topics.Parse(topic);
        if (parsedTopic is null || parsedTopic.Kind != AgentTopic.CheckInKind)
        {
            return CheckInValidation.Reject(RejectionKind.BadTopic, $"'{topic}' is not gatesync/v1/{{siteId}}/{{agentId}}/checkin");
        }

        CheckIn? checkIn;
        try
        {
            var reader = new Utf8JsonReader(payload);
            checkIn = JsonSerializer.Deserialize(ref reader, ContractJson.Context.CheckIn);
        }
        catch (JsonException ex)
        {
            return CheckInValidation.Reject(RejectionKind.BadJson, ex.Message);
        }
        catch (ArgumentException ex)
        {
            // Invalid UTF-8 surfaces from the decoder rather than the JSON reader.
            return CheckInValidation.Reject(RejectionKind.BadJson, ex.Message);
        }

        if (checkIn is null)
        {
            return CheckInValidation.Reject(RejectionKind.BadJson, "payload is JSON null, not a check-in object");
        }

        return Validate(parsedTopic, checkIn);
    }

    public static CheckInValidation Validate(string topic, ReadOnlySpan<byte> payload) =>
        Validate(topic, new ReadOnlySequence<byte>(payload.ToArray()));

    private static CheckInValidation Validate(AgentTopic topic, CheckIn checkIn)
    {
        if (checkIn.V != ContractVersion.Current)
        {
            return CheckInValidation.Reject(RejectionKind.BadField, $"v is {checkIn.V}; this hub reads contract version {ContractVersion.Current}");
        }

        var problem = Identifier.Problem("agentId", checkIn.AgentId)
            ?? Identifier.Problem("siteId", checkIn.SiteId)
            ?? Identifier.Problem("readerId", checkIn.ReaderId);
        if (problem is not null)
        {
            return CheckInValidation.Reject(RejectionKind.BadField, problem);
        }

        if (checkIn.SiteId != topic.SiteId || checkIn.AgentId != topic.AgentId)
        {
            return CheckInValidation.Reject(
                RejectionKind.TopicMismatch,
                $"payload says {checkIn.SiteId}/{checkIn.AgentId} but the topic says {topic.SiteId}/{topic.AgentId}");
        }

        if (checkIn.Seq < 1)
        {
            return CheckInValidation.Reject(RejectionKind.BadField, $"seq must be 1 or more (was {checkIn.Seq})");
        }

        if (string.IsNullOrWhiteSpace(checkIn.Card.Name))
        {
            return CheckInValidation.Reject(RejectionKind.BadField, "card.name is empty");
        }

        var idNumber = CardNumber.Normalize(checkIn.Card.Type, checkIn.Card.IdNumber);
        if (!idNumber.IsValid)
        {
            return CheckInValidation.Reject(RejectionKind.BadIdNumber, $"card.idNumber: {idNumber.Error}");
        }

        return CheckInValidation.Accept(checkIn with { Card = checkIn.Card with { IdNumber = idNumber.Normalized! } });
    }
}

public enum RejectionKind
{
    TooLarge,
    BadTopic,
    BadJson,
    BadField,
    TopicMismatch,
    BadIdNumber,
}

public sealed record CheckInValidation(CheckIn? CheckIn, RejectionKind? Kind, string? Reason)
{
    public bool IsValid => CheckIn is not null;

    public static CheckInValidation Accept(CheckIn checkIn) => new(checkIn, null, null);

    public static CheckInValidation Reject(RejectionKind kind, string reason) => new(null, kind, reason);
}
