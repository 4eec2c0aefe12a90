using System.Threading.Channels;

namespace GateSync.Hub.Reconciliation;

/// <summary>
/// The timer path of rules.md: sleeps until <see cref="ReconciliationEngine.NextDueAt"/> (on the hub's
/// <see cref="TimeProvider"/>, at most <see cref="MaxSleep"/> so a changed clock is noticed), or until new
/// data may have moved it, then evaluates and stores what became due.
/// </summary>
public sealed partial class ReconciliationTimer(
    ReconciliationEngine engine,
    Reconciler reconciler,
    TimeProvider time,
    ILogger<ReconciliationTimer> logger) : BackgroundService
{
    public static readonly TimeSpan MaxSleep = TimeSpan.FromMinutes(1);

    private readonly Channel<bool> _wake = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        reconciler.Changed += OnChanged;
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                while (_wake.Reader.TryRead(out _))
                {
                }

                var now = time.GetUtcNow();
                if (engine.NextDueAt is { } due && due <= now)
                {
                    await EvaluateAsync(stoppingToken).ConfigureAwait(false);
                    continue;
                }

                var sleep = engine.NextDueAt is { } next && next - now < MaxSleep ? next - now : MaxSleep;
                await SleepAsync(sleep, stoppingToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The host is stopping.
        }
        finally
        {
            reconciler.Changed -= OnChanged;
        }
    }

    private void OnChanged() => _wake.Writer.TryWrite(true);

    private async Task EvaluateAsync(CancellationToken stoppingToken)
    {
        try
        {
            await reconciler.EvaluateAsync(stoppingToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Log.EvaluateFailed(logger, ex);
            await Task.Delay(MaxSleep, time, stoppingToken).ConfigureAwait(false);
        }
    }

    private async Task SleepAsync(TimeSpan sleep, CancellationToken stoppingToken)
    {
        using var woken = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        var delay = Task.Delay(sleep, time, woken.Token);
        var wake = _wake.Reader.WaitToReadAsync(woken.Token).AsTask();
        await Task.WhenAny(delay, wake).ConfigureAwait(false);
        await woken.CancelAsync().ConfigureAwait(false);
        stoppingToken.ThrowIfCancellationRequested();
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 620, Level = LogLevel.Error, Message = "Reconciliation timer could not evaluate; retrying in a minute")]
        public static partial void EvaluateFailed(ILogger logger, Exception exception);
    }
}
