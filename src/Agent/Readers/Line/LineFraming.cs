using System.Globalization;

namespace GateSync.Agent.Readers.Line;

/// <summary>How a line reader frames its output: what ends a line, what wraps it, how long it may be, how it is encoded.</summary>
public sealed record LineFraming
{
    public static LineFraming Default { get; } = new();

    /// <summary>One or two bytes, e.g. <c>0D 0A</c>.</summary>
    public IReadOnlyList<byte> Terminator { get; init; } = [0x0D, 0x0A];

    public byte? StripPrefix { get; init; }

    public byte? StripSuffix { get; init; }

    public int MaxLength { get; init; } = 256;

    public LineTextEncoding Encoding { get; init; } = LineTextEncoding.Utf8;

    /// <summary>The framing a validated <see cref="ReaderOptions"/> describes; bad settings fall back to defaults.</summary>
    public static LineFraming From(ReaderOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new LineFraming
        {
            Terminator = ParseTerminator(options.LineTerminator) ?? Default.Terminator,
            StripPrefix = ParseByte(options.LineStripPrefix),
            StripSuffix = ParseByte(options.LineStripSuffix),
            MaxLength = options.MaxLineLength > 0 ? options.MaxLineLength : Default.MaxLength,
            Encoding = options.LineEncoding,
        };
    }

    /// <summary><c>CRLF</c>, <c>LF</c>, <c>CR</c> or one byte (<c>0x03</c>, <c>3</c>); <c>null</c> when it is none of these.</summary>
    public static byte[]? ParseTerminator(string? text) =>
        text?.Trim().ToUpperInvariant() switch
        {
            "CRLF" => [0x0D, 0x0A],
            "LF" => [0x0A],
            "CR" => [0x0D],
            var other => ParseByte(other) is { } b ? [b] : null,
        };

    /// <summary>A byte written as <c>0x02</c> or <c>2</c>; <c>null</c> for an empty or malformed setting.</summary>
    public static byte? ParseByte(string? text)
    {
        var s = text?.Trim();
        if (string.IsNullOrEmpty(s))
        {
            return null;
        }

        if (s.StartsWith("0x", StringComparison.OrdinalIgnoreCase))
        {
            return byte.TryParse(s.AsSpan(2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var hex) ? hex : null;
        }

        return byte.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out var dec) ? dec : null;
    }
}
