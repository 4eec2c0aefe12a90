using System.Threading.Channels;

namespace GateSync.Agent.Readers;

/// <summary>The pipeline's first stage: runs every configured reader, each writing its swipes into the swipe channel.</summary>
public sealed class ReaderHost(
    AgentReaders readers,
    ChannelWriter<CardSwipe> swipes,
    TimeProvider time,
    ILogger<ReaderHost> logger) : BackgroundService
{
    /// <summary>Pause before restarting a reader that failed outright, so a broken device does not spin the CPU.</summary>
    private static readonly TimeSpan RestartDelay = TimeSpan.FromSeconds(5);

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(readers.All.Select(reader => RunAsync(reader, stoppingToken)));

    private async Task RunAsync(ICardReader reader, CancellationToken stoppingToken)
    {
        // Off the host's start-up path: a reader's synchronous start (opening a port) must not delay the others.
        await Task.Yield();
        ReaderLog.Started(logger, reader.ReaderId, reader.GetType().Name);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await reader.RunAsync(swipes, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex)
            {
                // Readers are meant to survive device errors themselves; one that escapes is restarted, not fatal to the agent.
                ReaderLog.Failed(logger, ex, reader.ReaderId, RestartDelay);
                try
                {
                    await Task.Delay(RestartDelay, time, stoppingToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
            }
        }

        ReaderLog.Stopped(logger, reader.ReaderId);
    }
}
