using System.Threading.RateLimiting;

namespace GateSync.Hub.Access;

/// <summary>
/// Slows password guessing at <c>POST /api/session</c>: after <see cref="FailuresPerWindow"/> failed logins for one user
/// name from one address within <see cref="Window"/>, that pair is refused (429) until the window turns. Only failures
/// count, so staff who log in often are never held up; keyed by user name as well as address, so users behind one proxy
/// do not lock each other out.
/// </summary>
public sealed class LoginThrottle : IDisposable
{
    public const int FailuresPerWindow = 5;

    public static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    private readonly PartitionedRateLimiter<string> _failures = PartitionedRateLimiter.Create<string, string>(key =>
        RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = FailuresPerWindow,
            Window = Window,
            QueueLimit = 0,
        }));

    /// <summary>When the pair may try again, or <c>null</c> when it may now.</summary>
    public TimeSpan? RefusedFor(string? address, string userName)
    {
        using var lease = _failures.AttemptAcquire(Key(address, userName), permitCount: 0);
        return lease.IsAcquired ? null : lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? after : Window;
    }

    public void Failed(string? address, string userName) => _failures.AttemptAcquire(Key(address, userName)).Dispose();

    public void Dispose() => _failures.Dispose();

    private static string Key(string? address, string userName) => $"{address ?? "unknown"}|{userName.Trim().ToUpperInvariant()}";
}
