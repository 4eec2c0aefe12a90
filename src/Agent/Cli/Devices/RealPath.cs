namespace GateSync.Agent.Cli.Devices;

/// <summary>
/// <c>realpath(3)</c> in managed code. sysfs links are relative to where the link really is, and the
/// directory holding a link is itself often a link, so resolving only the last component goes astray.
/// </summary>
public static class RealPath
{
    private const int MaxLinks = 40;

    /// <summary>The canonical path, or null when some part does not exist or a link loops.</summary>
    public static string? Resolve(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var pending = new Stack<string>(Path.GetFullPath(path).Split('/', StringSplitOptions.RemoveEmptyEntries).Reverse());
        var current = "/";
        var links = 0;
        try
        {
            while (pending.TryPop(out var part))
            {
                if (part == ".")
                {
                    continue;
                }

                if (part == "..")
                {
                    current = Path.GetDirectoryName(current) ?? "/";
                    continue;
                }

                var next = Path.Combine(current, part);
                var info = new FileInfo(next);
                if (info.LinkTarget is { } target)
                {
                    if (++links > MaxLinks)
                    {
                        return null;
                    }

                    foreach (var piece in target.Split('/', StringSplitOptions.RemoveEmptyEntries).Reverse())
                    {
                        pending.Push(piece);
                    }

                    if (target.StartsWith('/'))
                    {
                        current = "/";
                    }

                    continue;
                }

                if (!info.Exists && !Directory.Exists(next))
                {
                    return null;
                }

                current = next;
            }

            return current;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
