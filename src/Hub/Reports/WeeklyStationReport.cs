namespace GateSync.Hub.Reports;

/// <summary>每周通报: one station's week, with each community's figures and the operators' open cases.</summary>
public sealed record WeeklyStationReport(
    string Station,
    string Week,
    DateOnly From,
    DateOnly To,
    WeeklyFigures Total,
    IReadOnlyList<CommunityWeek> Communities,
    IReadOnlyList<OperatorLine> Operators);

public sealed record CommunityWeek(string Community, WeeklyFigures Figures);

/// <param name="Arrivals">Persons whose first check-in at a site of the scope fell in the week.</param>
/// <param name="OpenBacklog">Findings open at the end of the week.</param>
/// <param name="RegistrationRate">Registered share of the floating population at the week's end; <c>null</c> for none.</param>
/// <param name="MedianDaysToRegistration">Over registrations made in the week of persons whose arrival is known; <c>null</c> for none.</param>
public sealed record WeeklyFigures(
    int Arrivals,
    int FindingsOpened,
    int FindingsResolved,
    int OpenBacklog,
    int FloatingPopulation,
    int Registered,
    double? RegistrationRate,
    double? MedianDaysToRegistration);

/// <summary>谁经营、谁负责: a landlord or employer and how many of their tenants or workers have an open <c>unregistered</c> finding.</summary>
public sealed record OperatorLine(string? Operator, string? OperatorPhone, int OpenUnregistered);
