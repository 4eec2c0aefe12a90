namespace GateSync.Hub.Registrations;

/// <summary>One person's entry in the district's registration roll (one per ID number: imports upsert by it).</summary>
public sealed record Registration(
    string IdNumber,
    string Name,
    string SiteId,
    DateOnly RegisteredOn,
    DateOnly? ValidUntil,
    string? Occupation,
    string? Education,
    RegistrationStatus Status)
{
    /// <summary>Active on a district-local date: not cancelled and not past <see cref="ValidUntil"/>.</summary>
    public bool IsActiveOn(DateOnly date) =>
        Status == RegistrationStatus.Active && (ValidUntil is null || date <= ValidUntil.Value);
}

public enum RegistrationStatus
{
    Active,
    Cancelled,
}
