using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace GateSync.Contracts.Wire;

/// <summary>The JSON form of every contract payload: camelCase names, enum values as camelCase strings only.</summary>
public static class ContractJson
{
    public static JsonSerializerOptions Options { get; } = CreateOptions();

    public static ContractJsonContext Context { get; } = new(Options);

    public static byte[] Serialize(CheckIn checkIn) => JsonSerializer.SerializeToUtf8Bytes(checkIn, Context.CheckIn);

    public static byte[] Serialize(AgentStatus status) => JsonSerializer.SerializeToUtf8Bytes(status, Context.AgentStatus);

    public static byte[] Serialize(Ack ack) => JsonSerializer.SerializeToUtf8Bytes(ack, Context.Ack);

    public static byte[] Serialize(AgentCommand command) => JsonSerializer.SerializeToUtf8Bytes(command, Context.AgentCommand);

    public static byte[] Serialize(SiteResidents residents) => JsonSerializer.SerializeToUtf8Bytes(residents, Context.SiteResidents);

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            DefaultIgnoreCondition = JsonIgnoreCondition.Never,
            RespectNullableAnnotations = true,
            RespectRequiredConstructorParameters = true,
            // A contract number is a JSON number; "seq": "12" is a different program's bug, not a check-in.
            NumberHandling = JsonNumberHandling.Strict,
            // Payloads are read by people through mosquitto_sub, never embedded in HTML: keep 张三 and +08:00 readable.
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        };
        // One generic converter per contract enum rather than the non-generic JsonStringEnumConverter, whose converters
        // are made by reflection at run time (IL3050): the agent is published as native AOT. Same JSON either way.
        options.Converters.Add(new JsonStringEnumConverter<CardType>(JsonNamingPolicy.CamelCase, allowIntegerValues: false));
        options.Converters.Add(new JsonStringEnumConverter<Gender>(JsonNamingPolicy.CamelCase, allowIntegerValues: false));
        options.Converters.Add(new JsonStringEnumConverter<Direction>(JsonNamingPolicy.CamelCase, allowIntegerValues: false));
        options.Converters.Add(new JsonStringEnumConverter<AccessDecision>(JsonNamingPolicy.CamelCase, allowIntegerValues: false));
        options.Converters.Add(new JsonStringEnumConverter<AgentState>(JsonNamingPolicy.CamelCase, allowIntegerValues: false));
        options.Converters.Add(new JsonStringEnumConverter<ReaderState>(JsonNamingPolicy.CamelCase, allowIntegerValues: false));
        options.Converters.Add(new Rfc3339DateTimeOffsetConverter());
        return options;
    }
}

[JsonSerializable(typeof(CheckIn))]
[JsonSerializable(typeof(AgentStatus))]
[JsonSerializable(typeof(Ack))]
[JsonSerializable(typeof(AgentCommand))]
[JsonSerializable(typeof(SiteResidents))]
public sealed partial class ContractJsonContext : JsonSerializerContext;
