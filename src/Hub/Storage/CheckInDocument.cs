using GateSync.Contracts.Wire;

namespace GateSync.Hub.Storage;

/// <summary>
/// A stored check-in, one per <c>(agentId, seq)</c>. Holds the card fields the contract puts on the wire
/// and nothing more: ethnicity, photo and fingerprint never reach the hub.
/// </summary>
public sealed class CheckInDocument
{
    /// <summary><c>agentId:seq</c>; an agent ID cannot contain <c>:</c>, so the key is unambiguous.</summary>
    public string Id { get; set; } = string.Empty;

    public string AgentId { get; set; } = string.Empty;

    public string SiteId { get; set; } = string.Empty;

    public long Seq { get; set; }

    public string ReaderId { get; set; } = string.Empty;

    public Direction Direction { get; set; }

    /// <summary>The swipe time in UTC (LiteDB keeps no offset); see <see cref="OccurredAtOffsetMinutes"/>.</summary>
    public DateTimeOffset OccurredAt { get; set; }

    /// <summary>The agent's UTC offset at the swipe, so the local day of a check-in can be rebuilt.</summary>
    public int OccurredAtOffsetMinutes { get; set; }

    public DateTimeOffset ReceivedAt { get; set; }

    public AccessDecision? Access { get; set; }

    public CardType CardType { get; set; }

    /// <summary>Normalised (upper case, 18 characters for resident cards).</summary>
    public string IdNumber { get; set; } = string.Empty;

    public string Name { get; set; } = string.Empty;

    public Gender Gender { get; set; }

    public DateOnly? BirthDate { get; set; }

    public string? Address { get; set; }

    public string? Issuer { get; set; }

    public DateOnly? ValidFrom { get; set; }

    /// <summary><c>null</c> for a long-term card.</summary>
    public DateOnly? ValidTo { get; set; }

    /// <summary>
    /// When, where and who in one indexed field, so the reconciliation rebuild reads it from the index without reading
    /// documents (<see cref="SightingKeyFormat"/>). Derived, never set: the mapper writes it and ignores it on reads.
    /// </summary>
    public string SightingKey => SightingKeyFormat.Of(OccurredAt, SiteId, IdNumber, Name);

    public static string KeyOf(string agentId, long seq) => $"{KeyPrefixOf(agentId)}{seq}";

    /// <summary>What every key of an agent's check-ins starts with.</summary>
    public static string KeyPrefixOf(string agentId) => $"{agentId}:";

    /// <summary>From a check-in that passed <see cref="CheckInValidator"/> (its ID number is normalised).</summary>
    public static CheckInDocument From(CheckIn checkIn, DateTimeOffset receivedAt) => new()
    {
        Id = KeyOf(checkIn.AgentId, checkIn.Seq),
        AgentId = checkIn.AgentId,
        SiteId = checkIn.SiteId,
        Seq = checkIn.Seq,
        ReaderId = checkIn.ReaderId,
        Direction = checkIn.Direction,
        OccurredAt = checkIn.OccurredAt.ToUniversalTime(),
        OccurredAtOffsetMinutes = (int)checkIn.OccurredAt.Offset.TotalMinutes,
        ReceivedAt = receivedAt.ToUniversalTime(),
        Access = checkIn.Access,
        CardType = checkIn.Card.Type,
        IdNumber = checkIn.Card.IdNumber,
        Name = checkIn.Card.Name,
        Gender = checkIn.Card.Gender,
        BirthDate = checkIn.Card.BirthDate,
        Address = checkIn.Card.Address,
        Issuer = checkIn.Card.Issuer,
        ValidFrom = checkIn.Card.ValidFrom,
        ValidTo = checkIn.Card.ValidTo,
    };
}
