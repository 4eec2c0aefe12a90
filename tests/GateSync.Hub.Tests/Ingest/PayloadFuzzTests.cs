using System.Text;
using GateSync.Contracts.Wire;
using GateSync.Hub.Ingest;
using GateSync.Hub.Tests.Support;

namespace GateSync.Hub.Tests.Ingest;

/// <summary>
/// Property-based checks of the MQTT payload validator as ingest uses it: whatever bytes arrive, nothing throws, and every
/// message that is not a valid check-in is rejected with a reason, one rejection per message.
/// </summary>
public sealed class PayloadFuzzTests
{
    private const int Cases = 3000;
    private const string Topic = "gatesync/v1/fr-0042/fr-0042-a/checkin";

    [Fact]
    public void Random_bytes_are_each_rejected_with_a_reason_and_never_throw()
    {
        var random = new Random(20261124);
        var messages = Enumerable.Range(0, Cases).Select(_ => Message(Topic, RandomBytes(random))).ToList();

        var batch = IngestClassifier.Classify(messages, DateTimeOffset.UnixEpoch);

        Assert.Empty(batch.CheckIns);
        Assert.Equal(Cases, batch.Rejections.Count);
        Assert.All(batch.Rejections, r => Assert.False(string.IsNullOrWhiteSpace(r.Reason)));
    }

    [Fact]
    public void Mutations_of_a_valid_check_in_are_stored_only_when_they_still_validate()
    {
        var random = new Random(42);
        var valid = CheckIns.Payload("fr-0042", "fr-0042-a", 7);
        var messages = new List<IngestMessage>();
        for (var i = 0; i < Cases; i++)
        {
            messages.Add(Message(Topic, Mutate(valid, random)));
        }

        var batch = IngestClassifier.Classify(messages, DateTimeOffset.UnixEpoch);

        Assert.Equal(Cases, batch.CheckIns.Count + batch.Rejections.Count);
        Assert.All(batch.CheckIns, c => Assert.True(CheckInValidator.Validate(Topic, ContractJson.Serialize(c)).IsValid));
        Assert.All(batch.CheckIns, c => Assert.Equal(("fr-0042", "fr-0042-a"), (c.SiteId, c.AgentId)));
        Assert.NotEmpty(batch.Rejections);
    }

    [Fact]
    public void Hostile_json_shapes_are_rejected_and_counted()
    {
        string[] payloads =
        [
            "", "null", "[]", "{}", "\"text\"", "123", new string('[', 100_000), "{\"v\":1," + new string(' ', 20_000) + "}",
            "{\"v\":1,\"seq\":1e400}", "{\"v\":1,\"seq\":-1}", "{\"seq\": 9223372036854775808}", "\uFEFF{}", "{\"card\":{\"idNumber\":null}}",
            Encoding.UTF8.GetString(CheckIns.Payload("fr-0042", "fr-0042-b", 1)),
        ];
        var messages = payloads.Select(p => Message(Topic, Encoding.UTF8.GetBytes(p))).ToList();
        messages.Add(Message("gatesync/v1/fr-0042/fr-0042-a/checkin", [0xFF, 0xFE, 0x00, 0xC3]));

        var batch = IngestClassifier.Classify(messages, DateTimeOffset.UnixEpoch);

        Assert.Empty(batch.CheckIns);
        Assert.Equal(messages.Count, batch.Rejections.Count);
    }

    private static IngestMessage Message(string topic, byte[] payload) => new(topic, payload, _ => Task.CompletedTask);

    private static byte[] RandomBytes(Random random)
    {
        var bytes = new byte[random.Next(0, 600)];
        random.NextBytes(bytes);
        return bytes;
    }

    private static byte[] Mutate(byte[] valid, Random random)
    {
        var bytes = valid.ToList();
        var edits = random.Next(1, 4);
        for (var e = 0; e < edits && bytes.Count > 0; e++)
        {
            var at = random.Next(bytes.Count);
            switch (random.Next(3))
            {
                case 0:
                    bytes[at] = (byte)random.Next(256);
                    break;
                case 1:
                    bytes.RemoveAt(at);
                    break;
                default:
                    bytes.Insert(at, (byte)"{}[]\",:0123456789-eE \\"[random.Next(21)]);
                    break;
            }
        }

        return [.. bytes];
    }
}
