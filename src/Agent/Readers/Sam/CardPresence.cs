namespace GateSync.Agent.Readers.Sam;

/// <summary>
/// Turns "a card was read" on every poll into one swipe per presence: a card left on the reader is
/// read again each cycle, and counts again only after the reader was empty or another card appeared.
/// </summary>
public sealed class CardPresence
{
    private string? present;

    /// <summary>Records a card read now; true when it starts a new presence and is a swipe.</summary>
    public bool Read(string idNumber)
    {
        if (string.Equals(present, idNumber, StringComparison.Ordinal))
        {
            return false;
        }

        present = idNumber;
        return true;
    }

    /// <summary>The reader found no card.</summary>
    public void Empty() => present = null;
}
