namespace GateSync.Agent.Tests.Infrastructure;

/// <summary>Poll-until for tests on a slow, loaded machine: generous deadlines, short polls, a message when it never happens.</summary>
public static class Eventually
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(60);

    public static Task TrueAsync(Func<bool> condition, string what, TimeSpan? timeout = null) =>
        TrueAsync(condition, what, () => string.Empty, timeout);

    /// <param name="describe">What the test saw, for the failure message.</param>
    public static async Task TrueAsync(Func<bool> condition, string what, Func<string> describe, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? DefaultTimeout);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"Timed out after {(timeout ?? DefaultTimeout).TotalSeconds} s waiting for: {what}\n{describe()}");
            }

            await Task.Delay(50);
        }
    }
}
