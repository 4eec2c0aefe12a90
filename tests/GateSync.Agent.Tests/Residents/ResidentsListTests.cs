using System.Buffers;
using System.Security.Cryptography;
using System.Text;
using GateSync.Agent.Outbox;
using GateSync.Agent.Publishing;
using GateSync.Agent.Residents;
using GateSync.Contracts.Wire;
using GateSync.Testing;
using Microsoft.Extensions.Time.Testing;

namespace GateSync.Agent.Tests.Residents;

public sealed class ResidentsListTests : IDisposable
{
    private static readonly byte[] Salt = RandomNumberGenerator.GetBytes(SiteResidents.SaltLength);
    private static readonly string Resident = TestCards.HenanWorker.IdNumber;
    private static readonly string Stranger = TestCards.FengrunLocal.IdNumber;

    private readonly TempDirectory directory = new();
    private readonly ListLogger<ResidentsList> log = new();

    public void Dispose() => directory.Dispose();

    [Fact]
    public void A_resident_is_on_the_list_and_a_stranger_is_not()
    {
        var list = Open();

        Assert.Equal(ResidentsUpdate.Applied, list.Apply(ListOf(1, Resident)));

        Assert.True(list.Contains(Resident));
        Assert.True(list.Contains(Resident.ToLowerInvariant()));
        Assert.False(list.Contains(Stranger));
        Assert.Equal(1, list.Version);
    }

    [Fact]
    public void Before_the_hub_sends_a_list_nobody_is_on_it()
    {
        var list = Open();

        Assert.False(list.Contains(Resident));
        Assert.Equal(0, list.Version);
    }

    [Fact]
    public void The_hash_is_SHA_256_of_the_salt_then_the_UTF_8_ID_number()
    {
        var expected = SHA256.HashData([.. Salt, .. Encoding.UTF8.GetBytes(Resident)]);

        Assert.Equal(Convert.ToBase64String(expected), SiteResidents.EncodedHashOf(Salt, Resident));
    }

    [Fact]
    public void An_older_list_is_ignored_and_a_newer_one_replaces_the_list()
    {
        var list = Open();
        list.Apply(ListOf(5, Resident));

        Assert.Equal(ResidentsUpdate.NotNewer, list.Apply(ListOf(4, Stranger)));
        Assert.Equal(ResidentsUpdate.NotNewer, list.Apply(ListOf(5, Stranger)));
        Assert.True(list.Contains(Resident));
        Assert.False(list.Contains(Stranger));

        Assert.Equal(ResidentsUpdate.Applied, list.Apply(ListOf(6, Stranger)));
        Assert.False(list.Contains(Resident));
        Assert.True(list.Contains(Stranger));
    }

    [Fact]
    public void A_list_with_a_new_salt_starts_a_new_series_even_at_a_lower_version()
    {
        var list = Open();
        list.Apply(ListOf(9, Resident));

        var fromFreshHub = ListOf(1, [Stranger], RandomNumberGenerator.GetBytes(SiteResidents.SaltLength));

        Assert.Equal(ResidentsUpdate.Applied, list.Apply(fromFreshHub));
        Assert.True(list.Contains(Stranger));
        Assert.False(list.Contains(Resident));
    }

    [Fact]
    public void A_malformed_list_is_ignored_and_the_list_held_stays()
    {
        var list = Open();
        list.Apply(ListOf(1, Resident));

        Assert.Equal(ResidentsUpdate.Malformed, list.Apply(new SiteResidents(2, "not base64!", [])));
        Assert.Equal(ResidentsUpdate.Malformed, list.Apply(new SiteResidents(2, Convert.ToBase64String(Salt), ["AAAA"])));
        Assert.Equal(ResidentsUpdate.Malformed, list.Apply(new SiteResidents(0, Convert.ToBase64String(Salt), [])));

        Assert.True(list.Contains(Resident));
        Assert.Equal(1, list.Version);
    }

    [Fact]
    public void The_list_survives_a_restart_without_the_hub()
    {
        Open().Apply(ListOf(3, Resident));

        var reopened = Open();

        Assert.Equal(3, reopened.Version);
        Assert.True(reopened.Contains(Resident));
        Assert.False(reopened.Contains(Stranger));
        Assert.False(File.Exists(directory.File(ResidentsList.FileName + ".tmp")));
    }

    [Fact]
    public void An_older_list_is_still_ignored_after_a_restart()
    {
        Open().Apply(ListOf(3, Resident));

        var reopened = Open();

        Assert.Equal(ResidentsUpdate.NotNewer, reopened.Apply(ListOf(2, Stranger)));
        Assert.True(reopened.Contains(Resident));
    }

    [Fact]
    public void A_damaged_file_is_ignored_with_a_warning_and_the_next_list_replaces_it()
    {
        Open().Apply(ListOf(3, Resident));
        var path = directory.File(ResidentsList.FileName);
        var bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, bytes[..(bytes.Length / 2)]);

        var reopened = Open();

        Assert.Equal(0, reopened.Version);
        Assert.False(reopened.Contains(Resident));
        Assert.Contains(log.Lines, line => line.Contains("Warning", StringComparison.Ordinal) && line.Contains(path, StringComparison.Ordinal));

        Assert.Equal(ResidentsUpdate.Applied, reopened.Apply(ListOf(1, Resident)));
        Assert.True(Open().Contains(Resident));
    }

    [Fact]
    public void A_file_that_is_JSON_but_not_a_list_is_ignored_with_a_warning()
    {
        File.WriteAllText(directory.File(ResidentsList.FileName), """{"version": 1, "salt": "AAAA", "hashes": []}""");

        var list = Open();

        Assert.Equal(0, list.Version);
        Assert.Contains(log.Lines, line => line.Contains("Warning", StringComparison.Ordinal));
    }

    [Fact]
    public void With_the_outbox_key_the_file_is_encrypted_and_reads_back_with_that_key_only()
    {
        Open("outbox-key-1").Apply(ListOf(2, Resident));
        var path = directory.File(ResidentsList.FileName);
        var text = File.ReadAllText(path);

        Assert.DoesNotContain(SiteResidents.EncodedHashOf(Salt, Resident), text, StringComparison.Ordinal);
        Assert.DoesNotContain(Convert.ToBase64String(Salt), text, StringComparison.Ordinal);
        Assert.True(Open("outbox-key-1").Contains(Resident));

        var wrongKey = Open("another-key");
        Assert.False(wrongKey.Contains(Resident));
        Assert.Contains(log.Lines, line => line.Contains("does not decrypt", StringComparison.Ordinal));

        var noKey = Open();
        Assert.False(noKey.Contains(Resident));
        Assert.Contains(log.Lines, line => line.Contains("Agent:Outbox:Key", StringComparison.Ordinal));
    }

    [Fact]
    public void A_plain_file_is_encrypted_once_the_outbox_key_is_set()
    {
        Open().Apply(ListOf(2, Resident));
        var hash = SiteResidents.EncodedHashOf(Salt, Resident);
        Assert.Contains(hash, File.ReadAllText(directory.File(ResidentsList.FileName)), StringComparison.Ordinal);

        Assert.True(Open("outbox-key-1").Contains(Resident));

        Assert.DoesNotContain(hash, File.ReadAllText(directory.File(ResidentsList.FileName)), StringComparison.Ordinal);
        Assert.True(Open("outbox-key-1").Contains(Resident));
    }

    [Fact]
    public void A_residents_command_from_the_hub_reaches_the_list_and_no_ID_number_is_logged()
    {
        var list = Open();
        using var outbox = new CheckInOutbox(directory.Path, "fr-0042", "fr-0042-a", new FakeTimeProvider(), new ListLogger<CheckInOutbox>());
        var publisherLog = new ListLogger<MqttPublisher>();
        var instructions = new HubInstructions("fr-0042", "fr-0042-a", outbox, new OutboxSignal(), publisherLog, list);
        var command = ContractJson.Serialize(new AgentCommand { Residents = ListOf(7, Resident) });

        instructions.Handle(instructions.CommandTopic, new ReadOnlySequence<byte>(command));
        instructions.Handle(instructions.CommandTopic, new ReadOnlySequence<byte>("""{"residents": {"version": "8"}}"""u8.ToArray()));

        Assert.Equal(7, list.Version);
        Assert.True(list.Contains(Resident));
        Assert.Contains(publisherLog.Lines, line => line.Contains("malformed", StringComparison.Ordinal));
        Assert.DoesNotContain(log.Lines.Concat(publisherLog.Lines), line => line.Contains(Resident, StringComparison.Ordinal));
    }

    private ResidentsList Open(string? key = null) => new(directory.Path, key, log);

    private static SiteResidents ListOf(long version, params string[] idNumbers) => ListOf(version, idNumbers, Salt);

    private static SiteResidents ListOf(long version, string[] idNumbers, byte[] salt) =>
        new(version, Convert.ToBase64String(salt), [.. idNumbers.Select(n => SiteResidents.EncodedHashOf(salt, n))]);
}
