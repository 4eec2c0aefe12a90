using GateSync.Contracts.Wire;

namespace GateSync.Agent.Doors;

/// <summary>A door's policy as a pure function of the card, the agent's date and the allow-list.</summary>
public sealed class AccessDecider(AccessPolicy policy)
{
    public AccessPolicy Policy => policy;

    public AccessDecision Decide(CardData card, DateOnly today, IAccessList list)
    {
        ArgumentNullException.ThrowIfNull(card);
        ArgumentNullException.ThrowIfNull(list);
        return policy switch
        {
            AccessPolicy.RecordOnly => AccessDecision.Recorded,
            AccessPolicy.ValidCard => IsValidOn(card, today) ? AccessDecision.Granted : AccessDecision.Denied,

            // Residence is about the person, not the card: a known resident with an expired card still lives here.
            AccessPolicy.ResidentsOnly => list.Contains(card.IdNumber) ? AccessDecision.Granted : AccessDecision.Denied,
            _ => AccessDecision.Denied,
        };
    }

    /// <summary>Within validity on both ends; <c>ValidTo</c> null is a long-term (长期) card.</summary>
    private static bool IsValidOn(CardData card, DateOnly today) =>
        (card.ValidFrom is not { } from || from <= today) && (card.ValidTo is not { } to || to >= today);
}
