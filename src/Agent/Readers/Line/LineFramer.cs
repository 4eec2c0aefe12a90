using System.Runtime.InteropServices;
using System.Text;
using System.Text.Unicode;

namespace GateSync.Agent.Readers.Line;

/// <summary>
/// Cuts a line reader's byte stream into lines, however the bytes are split across reads. Pure and never throws:
/// noise, wrong framing or a stuck reader produce unusable lines, not exceptions.
/// </summary>
public sealed class LineFramer
{
    private readonly LineFraming framing;
    private readonly byte[] terminator;
    private readonly List<byte> pending = [];
    private bool overlong;
    private int discarded;

    public LineFramer(LineFraming framing)
    {
        ArgumentNullException.ThrowIfNull(framing);
        this.framing = framing;
        terminator = framing.Terminator.Count > 0 ? [.. framing.Terminator] : [.. LineFraming.Default.Terminator];
    }

    /// <summary>Takes the next bytes; returns the lines they complete, in order. Empty lines are skipped.</summary>
    public IReadOnlyList<ReaderLine> Feed(ReadOnlySpan<byte> bytes)
    {
        List<ReaderLine>? lines = null;
        foreach (var b in bytes)
        {
            pending.Add(b);
            if (EndsWithTerminator())
            {
                pending.RemoveRange(pending.Count - terminator.Length, terminator.Length);
                if (Complete() is { } line)
                {
                    (lines ??= []).Add(line);
                }

                continue;
            }

            // Keep what could still be the start of a split terminator; drop the rest of an overlong line as it comes.
            var limit = framing.MaxLength + terminator.Length - 1;
            if (pending.Count > limit)
            {
                var keep = terminator.Length - 1;
                discarded += pending.Count - keep;
                pending.RemoveRange(0, pending.Count - keep);
                overlong = true;
            }
        }

        return lines ?? (IReadOnlyList<ReaderLine>)[];
    }

    private bool EndsWithTerminator() =>
        pending.Count >= terminator.Length
        && CollectionsMarshal.AsSpan(pending)[^terminator.Length..].SequenceEqual(terminator);

    private ReaderLine? Complete()
    {
        var byteCount = discarded + pending.Count;
        var wasOverlong = overlong;
        var text = wasOverlong ? null : Decode(CollectionsMarshal.AsSpan(pending));
        pending.Clear();
        discarded = 0;
        overlong = false;

        if (wasOverlong)
        {
            return ReaderLine.Unusable(LineProblem.Overlong, byteCount);
        }

        if (text is null)
        {
            return ReaderLine.Unusable(LineProblem.NotText, byteCount);
        }

        return text.Length == 0 ? null : ReaderLine.Of(text, byteCount);
    }

    /// <summary>The line's text without its wrapping bytes and surrounding blanks, or <c>null</c> when it is not text.</summary>
    private string? Decode(ReadOnlySpan<byte> line)
    {
        if (framing.StripPrefix is { } prefix && line.Length > 0 && line[0] == prefix)
        {
            line = line[1..];
        }

        if (framing.StripSuffix is { } suffix && line.Length > 0 && line[^1] == suffix)
        {
            line = line[..^1];
        }

        string text;
        if (framing.Encoding == LineTextEncoding.Ascii)
        {
            if (!Ascii.IsValid(line))
            {
                return null;
            }

            text = Encoding.ASCII.GetString(line);
        }
        else
        {
            if (!Utf8.IsValid(line))
            {
                return null;
            }

            text = Encoding.UTF8.GetString(line);
        }

        return TrimBlanks(text);
    }

    /// <summary>Readers pad with spaces, NULs or a stray CR; none of that is part of a card number.</summary>
    private static string TrimBlanks(string text)
    {
        var start = 0;
        var end = text.Length;
        while (start < end && IsBlank(text[start]))
        {
            start++;
        }

        while (end > start && IsBlank(text[end - 1]))
        {
            end--;
        }

        return text[start..end];
    }

    private static bool IsBlank(char c) => char.IsWhiteSpace(c) || char.IsControl(c);
}
