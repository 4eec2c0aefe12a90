using GateSync.Hub.Reports;
using GateSync.Hub.Tests.Reconciliation;
using static GateSync.Hub.Tests.Reports.PopulationTests;

namespace GateSync.Hub.Tests.Reports;

public sealed class DemographicsReportTests
{
    [Theory]
    [InlineData("20060302", "2026-03-01", "<20")]
    [InlineData("20060302", "2026-03-02", "20-29")]
    [InlineData("19970301", "2026-03-01", "20-29")]
    [InlineData("19960301", "2026-03-01", "30-39")]
    [InlineData("19760302", "2026-03-01", "40-49")]
    [InlineData("19670301", "2026-03-01", "50-59")]
    [InlineData("19660302", "2026-03-01", "50-59")]
    [InlineData("19660301", "2026-03-01", "60+")]
    [InlineData("20000229", "2026-02-28", "20-29")]
    public void Age_band_is_by_whole_years_at_the_report_date(string birth, string reportDate, string band)
    {
        var id = TestPeople.Make("130207", birth, 1);

        Assert.Equal(band, DemographicsReport.AgeBand(id, DateOnly.Parse(reportDate, System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Fact]
    public void A_number_without_a_birth_date_has_an_unknown_age()
    {
        Assert.Equal("unknown", DemographicsReport.AgeBand("USA110090101001", new DateOnly(2026, 3, 1)));
    }

    [Fact]
    public void Breakdowns_by_origin_province_gender_occupation_and_education_each_sum_to_the_population()
    {
        var sameCity = TestPeople.Make("130207", "19900101", 1);
        var sameProvince = TestPeople.Make("130421", "19900101", 2);
        var otherProvince = TestPeople.Make("110105", "19490101", 3);
        FloatingPerson[] people =
        [
            new(sameCity, "s-a", Registered(sameCity, "s-a", "建筑工人", "初中"), null),
            new(sameProvince, "s-a", Registered(sameProvince, "s-a", null, "高中"), null),
            new(otherProvince, "s-b", null, null),
        ];

        var report = DemographicsReport.Calculate(people, new DateOnly(2026, 3, 1), TestPeople.AreaCode);

        Assert.Equal(3, report.FloatingPopulation);
        Assert.Equal(2, report.Registered);
        Assert.Equal(1, report.Unregistered);
        Assert.Equal(new OriginCounts(1, 1, 1), report.Origin);
        Assert.Equal(2, report.Provinces["13"]);
        Assert.Equal(1, report.Provinces["11"]);
        Assert.Equal(2, report.AgeBands["30-39"]);
        Assert.Equal(1, report.AgeBands["60+"]);
        Assert.Equal(0, report.AgeBands["<20"]);
        Assert.Equal(2, report.Genders["male"]);
        Assert.Equal(1, report.Genders["female"]);
        Assert.Equal(1, report.Occupations["建筑工人"]);
        Assert.Equal(2, report.Occupations["unknown"]);
        Assert.Equal(1, report.Educations["高中"]);
        Assert.Equal(3, report.Genders.Values.Sum());
        Assert.Equal(3, report.AgeBands.Values.Sum());
    }
}
