using System.Text.Json.Nodes;

namespace GateSync.Testing;

/// <summary>The check-in example of the contract, verbatim, and variations of it.</summary>
public static class ContractExample
{
    public static string Json() => """
        {
          "v": 1,
          "agentId": "fr-0042-a",
          "siteId": "fr-0042",
          "seq": 1837,
          "readerId": "gate-1",
          "direction": "in",
          "occurredAt": "2026-11-24T07:58:12.412+08:00",
          "card": {
            "type": "resident",
            "idNumber": "11010519491231002X",
            "name": "张三",
            "gender": "male",
            "birthDate": "1949-12-31",
            "address": "河北省唐山市丰润区……",
            "issuer": "唐山市公安局丰润分局",
            "validFrom": "2015-03-01",
            "validTo": "2035-03-01"
          },
          "access": "granted"
        }
        """;

    public static JsonObject Node() => JsonNode.Parse(Json())!.AsObject();

    public static string With(Action<JsonObject> change)
    {
        var node = Node();
        change(node);
        return node.ToJsonString();
    }
}
