using System.Globalization;

namespace GateSync.Agent.Outbox;

/// <summary>
/// The last <c>seq</c> given out, kept in a tiny file beside the outbox (<c>seq.state</c>) so that a fresh outbox,
/// started after a corrupt one was moved aside, continues above every number that may have left the agent.
/// </summary>
internal sealed class SeqState(string path)
{
    public string Path { get; } = path;

    /// <summary>The stored value, or 0 when the file is missing or unreadable (a fresh agent).</summary>
    public long Read()
    {
        try
        {
            var text = File.ReadAllText(Path).Trim();
            return long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : 0;
        }
        catch (FileNotFoundException)
        {
            return 0;
        }
        catch (DirectoryNotFoundException)
        {
            return 0;
        }
    }

    /// <summary>Writes a temporary file, flushes it to disk and renames it over the old one, so a crash leaves the old or the new value, never half.</summary>
    public void Write(long lastSeq)
    {
        var temp = Path + ".tmp";
        using (var stream = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            var bytes = System.Text.Encoding.ASCII.GetBytes(lastSeq.ToString(CultureInfo.InvariantCulture));
            stream.Write(bytes);
            stream.Flush(flushToDisk: true);
        }

        File.Move(temp, Path, overwrite: true);
    }
}
