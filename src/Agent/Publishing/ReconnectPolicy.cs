using Polly;
using Polly.Retry;

namespace GateSync.Agent.Publishing;

/// <summary>
/// How the agent retries the broker: forever, exponentially from 1 s to a minute, with jitter so that a district's agents
/// coming back after one outage do not all knock at the same instant.
/// </summary>
internal static class ReconnectPolicy
{
    public static readonly TimeSpan FirstDelay = TimeSpan.FromSeconds(1);
    public static readonly TimeSpan MaxDelay = TimeSpan.FromSeconds(60);

    public static ResiliencePipeline Create(TimeProvider time, ILogger logger, CancellationToken stoppingToken) =>
        new ResiliencePipelineBuilder { TimeProvider = time }
            .AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = args => ValueTask.FromResult(
                    args.Outcome.Exception is { } ex && ConnectionFailure.IsTransient(ex, stoppingToken)),
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = FirstDelay,
                MaxDelay = MaxDelay,
                MaxRetryAttempts = int.MaxValue,
                OnRetry = args =>
                {
                    PublisherLog.ConnectFailed(logger, args.Outcome.Exception, args.AttemptNumber + 1, args.RetryDelay);
                    return ValueTask.CompletedTask;
                },
            })
            .Build();
}
