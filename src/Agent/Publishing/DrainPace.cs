namespace GateSync.Agent.Publishing;

/// <summary>
/// Spaces publishes to at most <c>Agent:Publishing:DrainRatePerSecond</c>. Idle time earns no credit, so a backlog after
/// an outage drains at the cap from its first message (field notes: every agent reconnects at once).
/// </summary>
internal sealed class DrainPace(double perSecond, TimeProvider time)
{
    private readonly TimeSpan _interval = TimeSpan.FromSeconds(1 / perSecond);
    private DateTimeOffset _next = DateTimeOffset.MinValue;

    public async ValueTask WaitTurnAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (_next < now)
        {
            _next = now;
        }

        var wait = _next - now;
        _next += _interval;
        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait, time, cancellationToken).ConfigureAwait(false);
        }
    }
}
