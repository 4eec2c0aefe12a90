using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace GateSync.Contracts.Wire;

/// <summary>
/// RFC 3339 with an explicit offset: a time without one would be read in the hub's own zone,
/// silently moving a swipe to another day.
/// </summary>
public sealed class Rfc3339DateTimeOffsetConverter : JsonConverter<DateTimeOffset>
{
    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            throw new JsonException("a time must be an RFC 3339 string");
        }

        var text = reader.GetString()!;
        if (!HasOffset(text) || !DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var value))
        {
            throw new JsonException($"'{text}' is not an RFC 3339 time with an offset (e.g. 2026-11-24T07:58:12.412+08:00)");
        }

        return value;
    }

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFFzzz", CultureInfo.InvariantCulture));

    private static bool HasOffset(string text)
    {
        var time = text.IndexOf('T', StringComparison.OrdinalIgnoreCase);
        if (time < 0)
        {
            return false;
        }

        var tail = text.AsSpan(time);
        return tail.EndsWith("Z", StringComparison.OrdinalIgnoreCase) || tail.LastIndexOfAny('+', '-') > 0;
    }
}
