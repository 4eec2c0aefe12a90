namespace GateSync.Agent.Readers.Line;

/// <summary>
/// One swipe per presentation: a held card or a scanner aimed at a code sends the same token again and again.
/// A token counts when it was not seen within the window; every sighting restarts the window, so a card held
/// for a minute is one swipe.
/// </summary>
public sealed class TokenDebounce(TimeSpan window, TimeProvider time)
{
    private readonly Dictionary<string, DateTimeOffset> lastSeen = new(StringComparer.Ordinal);

    /// <summary>Records a sighting now; true when it counts as a new swipe.</summary>
    public bool Counts(string token)
    {
        var now = time.GetUtcNow();
        Forget(now);
        var counts = !lastSeen.TryGetValue(token, out var seen) || now - seen >= window;
        lastSeen[token] = now;
        return counts;
    }

    /// <summary>Old sightings go, so memory stays small and numbers are not kept longer than they are needed.</summary>
    private void Forget(DateTimeOffset now)
    {
        if (lastSeen.Count < 16)
        {
            return;
        }

        foreach (var (token, seen) in lastSeen)
        {
            if (now - seen >= window)
            {
                lastSeen.Remove(token);
            }
        }
    }
}
