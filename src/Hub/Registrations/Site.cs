namespace GateSync.Hub.Registrations;

/// <summary>A rental property, worksite or dormitory with a door agent, and who answers for it (谁经营、谁负责).</summary>
public sealed record Site(
    string SiteId,
    string Name,
    SiteKind Kind,
    string? Address,
    string Community,
    string Station,
    AreaKind Area,
    string? Operator,
    string? OperatorPhone);

public enum SiteKind
{
    Rental,
    Worksite,
    Dormitory,
}

public enum AreaKind
{
    Urban,
    Rural,
}
