using System.Text;
using System.Text.Json;
using GateSync.Contracts.Wire;

namespace GateSync.Contracts.Tests;

public sealed class AgentCommandTests
{
    [Fact]
    public void A_replay_command_is_written_as_before_without_a_residents_field()
    {
        var json = Encoding.UTF8.GetString(ContractJson.Serialize(new AgentCommand { Replay = new SeqRange(120, 180) }));

        Assert.Equal("""{"replay":{"from":120,"to":180}}""", json);
    }

    [Fact]
    public void A_residents_command_has_version_salt_and_hashes_and_reads_back()
    {
        var salt = new byte[SiteResidents.SaltLength];
        var residents = new SiteResidents(7, Convert.ToBase64String(salt), [SiteResidents.EncodedHashOf(salt, "11010519491231002X")]);

        var json = ContractJson.Serialize(new AgentCommand { Residents = residents });
        var read = JsonSerializer.Deserialize(json, ContractJson.Context.AgentCommand)!;

        using var document = JsonDocument.Parse(json);
        var body = document.RootElement.GetProperty("residents");
        Assert.Equal(["version", "salt", "hashes"], body.EnumerateObject().Select(p => p.Name));
        Assert.False(document.RootElement.TryGetProperty("replay", out _));
        Assert.Null(read.Replay);
        Assert.Equal(residents.Version, read.Residents!.Version);
        Assert.Equal(residents.Hashes, read.Residents.Hashes);
    }

    [Fact]
    public void The_hash_of_a_lower_case_number_is_that_of_the_normalised_number()
    {
        var salt = Enumerable.Range(1, SiteResidents.SaltLength).Select(i => (byte)i).ToArray();

        Assert.Equal(SiteResidents.EncodedHashOf(salt, "11010519491231002X"), SiteResidents.EncodedHashOf(salt, "11010519491231002x"));
        Assert.Equal(44, SiteResidents.EncodedHashOf(salt, "11010519491231002X").Length);
    }

    [Fact]
    public void A_command_an_agent_does_not_know_reads_as_no_command()
    {
        var read = JsonSerializer.Deserialize("""{"rotateKey": {"at": 1}}"""u8, ContractJson.Context.AgentCommand)!;

        Assert.Null(read.Replay);
        Assert.Null(read.Residents);
    }

    [Theory]
    [InlineData("""{"residents": {"version": 1, "salt": "AAAAAAAAAAAAAAAAAAAAAA=="}}""")]
    [InlineData("""{"residents": {"version": "1", "salt": "AAAAAAAAAAAAAAAAAAAAAA==", "hashes": []}}""")]
    public void A_residents_list_without_its_hashes_or_with_a_text_version_is_not_read(string json)
    {
        Assert.ThrowsAny<JsonException>(() => JsonSerializer.Deserialize(Encoding.UTF8.GetBytes(json), ContractJson.Context.AgentCommand));
    }
}
