namespace GateSync.Agent.Doors;

/// <summary>A door strike the agent can release.</summary>
public interface IDoor
{
    /// <summary>
    /// Opens the door, holds it for <paramref name="holdOpen"/>, and closes it again; closes it also when cancelled.
    /// A call while the door is already open returns at once: the person is already let in.
    /// </summary>
    Task OpenAsync(TimeSpan holdOpen, CancellationToken cancellationToken);
}
