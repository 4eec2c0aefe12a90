using System.Text;
using System.Text.Json.Nodes;
using GateSync.Contracts.Wire;
using GateSync.Testing;

namespace GateSync.Contracts.Tests;

public sealed class CheckInValidatorTests
{
    private const string Topic = "gatesync/v1/fr-0042/fr-0042-a/checkin";

    [Fact]
    public void The_contracts_example_is_a_valid_check_in()
    {
        var result = Validate(Topic, ContractExample.Json());

        Assert.True(result.IsValid, result.Reason);
        var checkIn = result.CheckIn!;
        Assert.Equal(1837, checkIn.Seq);
        Assert.Equal(Direction.In, checkIn.Direction);
        Assert.Equal(CardType.Resident, checkIn.Card.Type);
        Assert.Equal(Gender.Male, checkIn.Card.Gender);
        Assert.Equal(new DateOnly(2035, 3, 1), checkIn.Card.ValidTo);
        Assert.Equal(AccessDecision.Granted, checkIn.Access);
        Assert.Equal(TimeSpan.FromHours(8), checkIn.OccurredAt.Offset);
    }

    [Fact]
    public void Serialising_a_check_in_gives_the_contracts_field_names_and_values()
    {
        var checkIn = Validate(Topic, ContractExample.Json()).CheckIn!;

        var json = JsonNode.Parse(ContractJson.Serialize(checkIn))!;

        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(ContractExample.Json()), json), json.ToJsonString());
    }

    [Fact]
    public void A_long_term_card_has_a_null_valid_to_and_optional_fields_may_be_absent()
    {
        var json = ContractExample.Node();
        json["card"]!["validTo"] = null;
        json["card"]!.AsObject().Remove("address");
        json["card"]!.AsObject().Remove("issuer");
        json.Remove("access");

        var result = Validate(Topic, json.ToJsonString());

        Assert.True(result.IsValid, result.Reason);
        Assert.Null(result.CheckIn!.Card.ValidTo);
        Assert.Null(result.CheckIn.Access);
    }

    [Fact]
    public void Unknown_fields_are_ignored()
    {
        var json = ContractExample.Node();
        json["firmware"] = "2.1";
        json["card"]!["extra"] = 5;

        Assert.True(Validate(Topic, json.ToJsonString()).IsValid);
    }

    [Fact]
    public void A_15_digit_number_is_stored_as_18()
    {
        var json = ContractExample.Node();
        json["card"]!["idNumber"] = "110105491231002";

        Assert.Equal("11010519491231002X", Validate(Topic, json.ToJsonString()).CheckIn!.Card.IdNumber);
    }

    public static TheoryData<string, RejectionKind> BadMessages() => new()
    {
        { "{ not json", RejectionKind.BadJson },
        { "null", RejectionKind.BadJson },
        { "[]", RejectionKind.BadJson },
        { "\"checkin\"", RejectionKind.BadJson },
        { ContractExample.With(j => j.Remove("seq")), RejectionKind.BadJson },
        { ContractExample.With(j => j["card"]!.AsObject().Remove("idNumber")), RejectionKind.BadJson },
        { ContractExample.With(j => j["card"]!["name"] = null), RejectionKind.BadJson },
        { ContractExample.With(j => j["seq"] = "1837"), RejectionKind.BadJson },
        { ContractExample.With(j => j["seq"] = 0), RejectionKind.BadField },
        { ContractExample.With(j => j["v"] = 2), RejectionKind.BadField },
        { ContractExample.With(j => j["direction"] = "sideways"), RejectionKind.BadJson },
        { ContractExample.With(j => j["direction"] = 1), RejectionKind.BadJson },
        { ContractExample.With(j => j["card"]!["type"] = "passport"), RejectionKind.BadJson },
        { ContractExample.With(j => j["occurredAt"] = "2026-11-24T07:58:12"), RejectionKind.BadJson },
        { ContractExample.With(j => j["occurredAt"] = "yesterday"), RejectionKind.BadJson },
        { ContractExample.With(j => j["readerId"] = "gate 1"), RejectionKind.BadField },
        { ContractExample.With(j => j["siteId"] = "fr-0043"), RejectionKind.TopicMismatch },
        { ContractExample.With(j => j["agentId"] = "fr-0042-b"), RejectionKind.TopicMismatch },
        { ContractExample.With(j => j["card"]!["idNumber"] = "110105194912310021"), RejectionKind.BadIdNumber },
        { ContractExample.With(j => j["card"]!["name"] = " "), RejectionKind.BadField },
    };

    [Theory]
    [MemberData(nameof(BadMessages))]
    public void A_bad_message_is_rejected_with_its_reason(string payload, RejectionKind kind)
    {
        var result = Validate(Topic, payload);

        Assert.False(result.IsValid);
        Assert.Equal(kind, result.Kind);
        Assert.False(string.IsNullOrWhiteSpace(result.Reason));
    }

    [Theory]
    [InlineData("gatesync/v1/fr-0042/fr-0042-a/status")]
    [InlineData("gatesync/v2/fr-0042/fr-0042-a/checkin")]
    [InlineData("gatesync/v1/fr 0042/fr-0042-a/checkin")]
    [InlineData("other/topic")]
    public void A_message_on_a_topic_that_is_not_a_check_in_topic_is_rejected(string topic)
    {
        Assert.Equal(RejectionKind.BadTopic, Validate(topic, ContractExample.Json()).Kind);
    }

    [Fact]
    public void An_oversized_payload_is_rejected_before_parsing()
    {
        var payload = new string(' ', CheckInValidator.MaxPayloadBytes) + ContractExample.Json();

        Assert.Equal(RejectionKind.TooLarge, Validate(Topic, payload).Kind);
    }

    [Fact]
    public void Random_bytes_never_throw()
    {
        var random = new Random(11643);
        var valid = Encoding.UTF8.GetBytes(ContractExample.Json());
        for (var i = 0; i < 5_000; i++)
        {
            var bytes = i % 2 == 0 ? RandomBytes(random) : Mutate(valid, random);

            var result = CheckInValidator.Validate(Topic, bytes);

            Assert.True(result.IsValid || result.Reason is not null);
        }
    }

    private static byte[] RandomBytes(Random random)
    {
        var bytes = new byte[random.Next(0, 300)];
        random.NextBytes(bytes);
        return bytes;
    }

    private static byte[] Mutate(byte[] valid, Random random)
    {
        var bytes = valid[..random.Next(1, valid.Length + 1)];
        for (var flips = random.Next(0, 4); flips > 0; flips--)
        {
            bytes[random.Next(bytes.Length)] = (byte)random.Next(256);
        }

        return bytes;
    }

    private static CheckInValidation Validate(string topic, string payload) =>
        CheckInValidator.Validate(topic, Encoding.UTF8.GetBytes(payload));
}
