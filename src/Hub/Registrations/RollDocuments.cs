namespace GateSync.Hub.Registrations;

// Plain classes for LiteDB (it maps settable properties without help); the records stay the domain's types.

/// <summary>A stored <see cref="Site"/>, keyed by its site ID.</summary>
public sealed class SiteDocument
{
    public string Id { get; set; } = string.Empty;
    public string Name { get; set; } = string.Empty;
    public SiteKind Kind { get; set; }
    public string? Address { get; set; }
    public string Community { get; set; } = string.Empty;
    public string Station { get; set; } = string.Empty;
    public AreaKind Area { get; set; }
    public string? Operator { get; set; }
    public string? OperatorPhone { get; set; }

    public static SiteDocument From(Site site) => new()
    {
        Id = site.SiteId, Name = site.Name, Kind = site.Kind, Address = site.Address, Community = site.Community,
        Station = site.Station, Area = site.Area, Operator = site.Operator, OperatorPhone = site.OperatorPhone,
    };

    public Site ToSite() => new(Id, Name, Kind, Address, Community, Station, Area, Operator, OperatorPhone);
}

/// <summary>A stored <see cref="Community"/>, keyed by its name.</summary>
public sealed class CommunityDocument
{
    public string Id { get; set; } = string.Empty;
    public string Station { get; set; } = string.Empty;
    public AreaKind Area { get; set; }
    public int CoManagers { get; set; }

    public static CommunityDocument From(Community community) => new()
    {
        Id = community.Name, Station = community.Station, Area = community.Area, CoManagers = community.CoManagers,
    };

    public Community ToCommunity() => new(Id, Station, Area, CoManagers);
}

/// <summary>A stored <see cref="Registration"/>, keyed by the normalised ID number (one entry per person).</summary>
public sealed class RegistrationDocument
{
    public string Id { get; set; } = string.Empty;
    public string Name { get; set; } = string.Empty;
    public string SiteId { get; set; } = string.Empty;
    public DateOnly RegisteredOn { get; set; }
    public DateOnly? ValidUntil { get; set; }
    public string? Occupation { get; set; }
    public string? Education { get; set; }
    public RegistrationStatus Status { get; set; }

    public static RegistrationDocument From(Registration registration) => new()
    {
        Id = registration.IdNumber, Name = registration.Name, SiteId = registration.SiteId,
        RegisteredOn = registration.RegisteredOn, ValidUntil = registration.ValidUntil,
        Occupation = registration.Occupation, Education = registration.Education, Status = registration.Status,
    };

    public Registration ToRegistration() =>
        new(Id, Name, SiteId, RegisteredOn, ValidUntil, Occupation, Education, Status);
}
