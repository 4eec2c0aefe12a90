using GateSync.Contracts.Wire;
using GateSync.Hub.Storage;
using GateSync.Testing;

namespace GateSync.Hub.Tests.Storage;

public sealed class CheckInBsonTests
{
    private static readonly DateTimeOffset ReceivedAt = new(2026, 11, 24, 0, 0, 1, 250, TimeSpan.Zero);

    public static TheoryData<string> CheckIns() => new()
    {
        ContractExample.Json(),
        // Every optional field absent: no address, issuer, dates or access decision.
        ContractExample.With(node =>
        {
            node.Remove("access");
            var card = node["card"]!.AsObject();
            foreach (var field in new[] { "birthDate", "address", "issuer", "validFrom", "validTo" })
            {
                card.Remove(field);
            }
        }),
    };

    [Theory]
    [MemberData(nameof(CheckIns))]
    public void Ingest_writes_the_document_the_mapper_reads(string json)
    {
        var checkIn = System.Text.Json.JsonSerializer.Deserialize(json, ContractJson.Context.CheckIn)!;
        var document = CheckInDocument.From(checkIn, ReceivedAt);
        var mapper = HubDatabase.CreateMapper();

        var written = CheckInBson.From(document);

        Assert.Equal(LiteDB.JsonSerializer.Serialize(mapper.ToDocument(document)), LiteDB.JsonSerializer.Serialize(written));
        var read = mapper.ToObject<CheckInDocument>(written);
        Assert.Equivalent(document, read, strict: true);
    }
}
