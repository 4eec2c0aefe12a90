namespace GateSync.Agent.Configuration;

/// <summary>The outbox encryption key from <c>Agent:Outbox:Key</c> or <c>Agent:Outbox:KeyFile</c>; <c>null</c> for none.</summary>
public static class OutboxKey
{
    public static string? From(OutboxOptions outbox)
    {
        ArgumentNullException.ThrowIfNull(outbox);
        if (!string.IsNullOrEmpty(outbox.Key))
        {
            return outbox.Key;
        }

        return string.IsNullOrEmpty(outbox.KeyFile) ? null : Read(outbox.KeyFile);
    }

    /// <summary>The trimmed content of <paramref name="path"/>, or <c>null</c> when it is missing, unreadable or empty.</summary>
    public static string? Read(string path)
    {
        try
        {
            var key = File.ReadAllText(path).Trim();
            return key.Length == 0 ? null : key;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
