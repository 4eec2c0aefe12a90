namespace GateSync.Hub.Reports;

/// <summary>The floating population's structure (<c>GET /api/reports/demographics</c>). Every breakdown sums to <see cref="FloatingPopulation"/>.</summary>
public sealed record Demographics(
    int FloatingPopulation,
    int Registered,
    int Unregistered,
    IReadOnlyDictionary<string, int> AgeBands,
    OriginCounts Origin,
    IReadOnlyDictionary<string, int> Provinces,
    IReadOnlyDictionary<string, int> Genders,
    IReadOnlyDictionary<string, int> Occupations,
    IReadOnlyDictionary<string, int> Educations);

/// <summary>Where non-locals come from, by the ID number's division code against the district's.</summary>
public sealed record OriginCounts(int SameCity, int SameProvince, int OtherProvince);
