using GateSync.Contracts.Wire;
using GateSync.Hub.Delivery;
using GateSync.Hub.Registrations;
using GateSync.Hub.Storage;
using GateSync.Hub.Tests.Reconciliation;
using GateSync.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace GateSync.Hub.Tests.Delivery;

public sealed class ResidentsBuilderTests : IDisposable
{
    private static readonly DateOnly Today = new(2026, 11, 24);

    private readonly TempDirectory _directory = new();
    private HubDatabase _database;

    public ResidentsBuilderTests() => _database = Open();

    public void Dispose()
    {
        _database.Dispose();
        _directory.Dispose();
    }

    [Fact]
    public void Only_people_with_an_active_registration_at_the_site_are_on_its_list()
    {
        var active = Person(1);
        var endsToday = Person(2);
        var ended = Person(3);
        var cancelled = Person(4);
        var elsewhere = Person(5);
        new RegistrationRoll(_database).Upsert([
            Registered(active, "fr-0042"),
            Registered(endsToday, "fr-0042", validUntil: Today),
            Registered(ended, "fr-0042", validUntil: Today.AddDays(-1)),
            Registered(cancelled, "fr-0042", status: RegistrationStatus.Cancelled),
            Registered(elsewhere, "fr-0043"),
        ]);

        var residents = Builder().Build("fr-0042", Today);

        var salt = Convert.FromBase64String(residents.Salt);
        Assert.Equal(SiteResidents.SaltLength, salt.Length);
        Assert.Equal(
            new[] { active, endsToday }.Select(n => SiteResidents.EncodedHashOf(salt, n)).Order(StringComparer.Ordinal),
            residents.Hashes);
        Assert.DoesNotContain(residents.Hashes, h => h.Contains(active, StringComparison.Ordinal));
    }

    [Fact]
    public void The_version_grows_only_when_the_people_change_and_survives_a_restart()
    {
        var roll = new RegistrationRoll(_database);
        roll.Upsert([Registered(Person(1), "fr-0042")]);
        var first = Builder().Build("fr-0042", Today);
        var again = Builder().Build("fr-0042", Today);

        roll.Upsert([Registered(Person(2), "fr-0042")]);
        var changed = Builder().Build("fr-0042", Today);

        _database.Dispose();
        _database = Open();
        var afterRestart = Builder().Build("fr-0042", Today);

        Assert.Equal(1, first.Version);
        Assert.Equal(first, again with { Hashes = first.Hashes });
        Assert.Equal(2, changed.Version);
        Assert.Equal(first.Salt, changed.Salt);
        Assert.Equal(changed.Version, afterRestart.Version);
        Assert.Equal(changed.Hashes, afterRestart.Hashes);
    }

    [Fact]
    public void A_registration_running_out_changes_the_list_the_next_day()
    {
        new RegistrationRoll(_database).Upsert([Registered(Person(1), "fr-0042", validUntil: Today), Registered(Person(2), "fr-0042")]);

        var today = Builder().Build("fr-0042", Today);
        var tomorrow = Builder().Build("fr-0042", Today.AddDays(1));

        Assert.Equal(2, today.Hashes.Count);
        Assert.Single(tomorrow.Hashes);
        Assert.True(tomorrow.Version > today.Version);
    }

    [Fact]
    public void Each_site_has_its_own_salt()
    {
        new RegistrationRoll(_database).Upsert([Registered(Person(1), "fr-0042"), Registered(Person(1), "fr-0043")]);

        var a = Builder().Build("fr-0042", Today);
        var b = Builder().Build("fr-0043", Today);

        Assert.NotEqual(a.Salt, b.Salt);
        Assert.NotEqual(a.Hashes, b.Hashes);
    }

    [Fact]
    public void A_site_without_residents_has_an_empty_list()
    {
        var residents = Builder().Build("fr-0099", Today);

        Assert.Empty(residents.Hashes);
        Assert.Equal(1, residents.Version);
    }

    private ResidentsBuilder Builder() => new(new RegistrationRoll(_database), _database);

    private HubDatabase Open() =>
        new(Options.Create(new HubOptions { DataDirectory = _directory.Path }), NullLogger<HubDatabase>.Instance);

    private static string Person(int sequence) => TestPeople.NonLocal(sequence);

    private static Registration Registered(
        string idNumber, string siteId, DateOnly? validUntil = null, RegistrationStatus status = RegistrationStatus.Active) =>
        new(idNumber, "赵磊", siteId, new DateOnly(2026, 1, 5), validUntil, null, null, status);
}
