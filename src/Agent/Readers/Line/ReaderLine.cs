namespace GateSync.Agent.Readers.Line;

/// <summary>Why a line (or a typed token) from a reader was not usable as text.</summary>
public enum LineProblem
{
    None,

    /// <summary>Longer than the setting allows: a stuck reader, wrong framing, or noise on the line.</summary>
    Overlong,

    /// <summary>Bytes that are not text in the configured encoding.</summary>
    NotText,
}

/// <summary>One complete line from a reader: its text, or the problem that made it unusable.</summary>
public readonly record struct ReaderLine(string? Text, LineProblem Problem, int ByteCount)
{
    public static ReaderLine Of(string text, int byteCount) => new(text, LineProblem.None, byteCount);

    public static ReaderLine Unusable(LineProblem problem, int byteCount) => new(null, problem, byteCount);
}
