using GateSync.Contracts.Identity;
using GateSync.Contracts.Wire;

namespace GateSync.Hub.Reports;

/// <summary>Breaks a floating population down by age at the report date, origin, gender, occupation and education.</summary>
public static class DemographicsReport
{
    public static readonly IReadOnlyList<string> AgeBandNames = ["<20", "20-29", "30-39", "40-49", "50-59", "60+"];

    /// <summary>Key for an age, occupation or education that is not known (no birth date in the number, nothing registered).</summary>
    public const string Unknown = "unknown";

    public static Demographics Calculate(IEnumerable<FloatingPerson> people, DateOnly reportDate, string areaCode)
    {
        ArgumentNullException.ThrowIfNull(people);
        ArgumentNullException.ThrowIfNull(areaCode);

        var ages = AgeBandNames.ToDictionary(b => b, _ => 0, StringComparer.Ordinal);
        var provinces = new SortedDictionary<string, int>(StringComparer.Ordinal);
        var genders = new Dictionary<string, int>(StringComparer.Ordinal) { ["male"] = 0, ["female"] = 0, [Unknown] = 0 };
        var occupations = new SortedDictionary<string, int>(StringComparer.Ordinal);
        var educations = new SortedDictionary<string, int>(StringComparer.Ordinal);
        int total = 0, registered = 0, sameCity = 0, sameProvince = 0, otherProvince = 0;

        foreach (var person in people)
        {
            total++;
            registered += person.IsRegistered ? 1 : 0;
            Increment(ages, AgeBand(person.IdNumber, reportDate));
            Increment(provinces, person.IdNumber.Length >= 2 ? person.IdNumber[..2] : Unknown);
            Increment(genders, GenderName(IdNumber.GenderOf(person.IdNumber)));
            Increment(occupations, person.Registration?.Occupation ?? Unknown);
            Increment(educations, person.Registration?.Education ?? Unknown);

            if (SharesPrefix(person.IdNumber, areaCode, 4))
            {
                sameCity++;
            }
            else if (SharesPrefix(person.IdNumber, areaCode, 2))
            {
                sameProvince++;
            }
            else
            {
                otherProvince++;
            }
        }

        return new Demographics(
            total, registered, total - registered, ages, new OriginCounts(sameCity, sameProvince, otherProvince),
            provinces, genders, occupations, educations);
    }

    /// <summary>The age band at <paramref name="date"/>, by whole years lived; <see cref="Unknown"/> without a birth date.</summary>
    public static string AgeBand(string idNumber, DateOnly date)
    {
        if (IdNumber.BirthDate(idNumber) is not { } birth)
        {
            return Unknown;
        }

        var age = date.Year - birth.Year;
        if (date < birth.AddYears(age))
        {
            age--;
        }

        return age switch
        {
            < 20 => "<20",
            >= 60 => "60+",
            _ => AgeBandNames[age / 10 - 1],
        };
    }

    private static string GenderName(Gender gender) => gender switch
    {
        Gender.Male => "male",
        Gender.Female => "female",
        _ => Unknown,
    };

    private static bool SharesPrefix(string idNumber, string areaCode, int length) =>
        idNumber.Length >= length && areaCode.Length >= length
        && idNumber.AsSpan(0, length).SequenceEqual(areaCode.AsSpan(0, length));

    private static void Increment(IDictionary<string, int> counts, string key) =>
        counts[key] = counts.TryGetValue(key, out var n) ? n + 1 : 1;
}
