using GateSync.Hub.Registrations;
using GateSync.Hub.Tests.Reconciliation;
using static GateSync.Hub.Tests.Registrations.CsvInput;

namespace GateSync.Hub.Tests.Registrations;

public sealed class RegistrationsCsvTests
{
    private const string Header = "idNumber,name,siteId,registeredOn,validUntil,occupation,education,status\n";

    private static readonly HashSet<string> KnownSites = ["fr-0042", "ws-1"];

    private static Task<List<ImportRow<Registration>>> Read(string rows) =>
        All(RegistrationsCsv.ReadAsync(Utf8(Header + rows, bom: true), KnownSites.Contains));

    [Fact]
    public async Task A_registration_is_read_with_its_dates_and_free_text()
    {
        var id = TestPeople.NonLocal(1);
        var rows = await Read($"{id},张三,fr-0042,2026-03-01,2027-02-28,\"建筑工人, 木工\",初中,active\n");

        Assert.Equal(
            new Registration(id, "张三", "fr-0042", new DateOnly(2026, 3, 1), new DateOnly(2027, 2, 28), "建筑工人, 木工", "初中", RegistrationStatus.Active),
            Assert.Single(rows).Record);
    }

    [Fact]
    public async Task Empty_valid_until_occupation_and_education_are_absent()
    {
        var rows = await Read($"{TestPeople.NonLocal(2)},李四,ws-1,2026-03-01,,,,cancelled\n");

        var registration = Assert.Single(rows).Record!;
        Assert.Null(registration.ValidUntil);
        Assert.Null(registration.Occupation);
        Assert.Null(registration.Education);
        Assert.Equal(RegistrationStatus.Cancelled, registration.Status);
    }

    [Fact]
    public async Task A_legacy_15_digit_number_is_converted_and_a_lower_case_x_raised()
    {
        const string legacy = "130207900101003";
        var lowerX = TestPeople.Make("130207", "19900101", 8);
        Assert.EndsWith("X", lowerX, StringComparison.Ordinal);
        var rows = await Read($"{legacy},王五,ws-1,2026-03-01,,,,active\n{lowerX.ToLowerInvariant()},赵六,ws-1,2026-03-01,,,,active\n");

        Assert.Equal(TestPeople.Make("130207", "19900101", 3), rows[0].Record!.IdNumber);
        Assert.Equal(lowerX, rows[1].Record!.IdNumber);
    }

    [Fact]
    public async Task A_wrong_check_character_is_rejected_without_repeating_the_number()
    {
        var id = TestPeople.NonLocal(1);
        var wrong = id[..17] + (id[17] == '0' ? '1' : '0');
        var rows = await Read($"{wrong},张三,fr-0042,2026-03-01,,,,active\n");

        var rejection = Assert.Single(rows);
        Assert.Contains("idNumber is not valid: the check character", rejection.Reason, StringComparison.Ordinal);
        Assert.DoesNotContain(wrong, rejection.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_problem_of_a_row_is_named_and_the_next_row_is_still_read()
    {
        var rows = await Read(
            $"{TestPeople.NonLocal(1)},,nowhere,2026-13-01,2026/04/01,,,paused\n"
            + $"{TestPeople.NonLocal(2)},李四,ws-1,2026-03-01,,,,active\n");

        var reason = rows[0].Reason!;
        Assert.Contains("name is empty", reason, StringComparison.Ordinal);
        Assert.Contains("siteId 'nowhere' is not a known site", reason, StringComparison.Ordinal);
        Assert.Contains("registeredOn must be a date YYYY-MM-DD (was '2026-13-01')", reason, StringComparison.Ordinal);
        Assert.Contains("validUntil must be a date YYYY-MM-DD", reason, StringComparison.Ordinal);
        Assert.Contains("status must be one of active, cancelled (was 'paused')", reason, StringComparison.Ordinal);
        Assert.Equal(2, rows[1].Row);
        Assert.True(rows[1].IsAccepted);
    }

    [Fact]
    public async Task Valid_until_before_registered_on_is_rejected()
    {
        var rows = await Read($"{TestPeople.NonLocal(1)},张三,ws-1,2026-03-01,2026-02-01,,,active\n");

        Assert.Contains("validUntil 2026-02-01 is before registeredOn 2026-03-01", Assert.Single(rows).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_2017_foreigners_permanent_residence_number_is_accepted()
    {
        var rows = await Read("usa110090101001,John Smith,ws-1,2026-03-01,,,,active\n");

        Assert.Equal("USA110090101001", Assert.Single(rows).Record!.IdNumber);
    }

    [Fact]
    public async Task A_header_without_status_is_refused_naming_it()
    {
        var rows = await All(RegistrationsCsv.ReadAsync(
            Utf8("idNumber,name,siteId,registeredOn,validUntil,occupation,education\n"), KnownSites.Contains));

        Assert.Contains("lacks column(s) status", Assert.Single(rows).Reason, StringComparison.Ordinal);
    }
}
