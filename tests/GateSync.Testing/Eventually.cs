using System.Diagnostics;

namespace GateSync.Testing;

/// <summary>
/// Poll-until for tests on a slow, loaded 2-core machine, where fixed sleeps are flaky: generous deadlines, short
/// polls, and a failure that says what never happened, the last value seen and whatever the test adds to diagnose it.
/// </summary>
public static class Eventually
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(60);

    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(100);

    public static Task TrueAsync(Func<bool> condition, string what, TimeSpan? timeout = null, Func<string>? diagnostics = null) =>
        TrueAsync(() => Task.FromResult(condition()), what, timeout, diagnostics);

    public static Task TrueAsync(Func<Task<bool>> condition, string what, TimeSpan? timeout = null, Func<string>? diagnostics = null) =>
        PollAsync(condition, holds => holds, what, timeout, diagnostics, showLast: false);

    /// <returns>The value read last, equal to <paramref name="expected"/>.</returns>
    public static Task<T> EqualAsync<T>(T expected, Func<Task<T>> read, string what, TimeSpan? timeout = null, Func<string>? diagnostics = null) =>
        PollAsync(read, value => EqualityComparer<T>.Default.Equals(value, expected), $"{what}: expected {expected}", timeout, diagnostics, showLast: true);

    /// <returns>The first value read that meets <paramref name="condition"/>.</returns>
    public static Task<T> ReachesAsync<T>(Func<Task<T>> read, Func<T, bool> condition, string what, TimeSpan? timeout = null, Func<string>? diagnostics = null) =>
        PollAsync(read, condition, what, timeout, diagnostics, showLast: true);

    private static async Task<T> PollAsync<T>(Func<Task<T>> read, Func<T, bool> condition, string what, TimeSpan? timeout, Func<string>? diagnostics, bool showLast)
    {
        var limit = timeout ?? DefaultTimeout;
        var clock = Stopwatch.StartNew();
        var last = await read();
        while (!condition(last))
        {
            if (clock.Elapsed > limit)
            {
                var lastSeen = showLast ? $"; last saw {last}" : string.Empty;
                throw new TimeoutException($"Timed out after {limit.TotalSeconds:0} s waiting for: {what}{lastSeen}{Environment.NewLine}{diagnostics?.Invoke()}");
            }

            await Task.Delay(PollInterval);
            last = await read();
        }

        return last;
    }
}
