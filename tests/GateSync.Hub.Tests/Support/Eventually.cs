namespace GateSync.Hub.Tests.Support;

/// <summary>Poll until a condition holds: a loaded 2-core machine makes fixed sleeps flaky.</summary>
internal static class Eventually
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(60);

    public static async Task TrueAsync(Func<Task<bool>> condition, TimeSpan timeout, string what)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            if (await condition())
            {
                return;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"timed out after {timeout}: {what}");
            }

            await Task.Delay(100);
        }
    }

    public static async Task<T> EqualAsync<T>(T expected, Func<Task<T>> actual, string what)
    {
        var last = default(T);
        try
        {
            await TrueAsync(async () => EqualityComparer<T>.Default.Equals(last = await actual(), expected), DefaultTimeout, what);
        }
        catch (TimeoutException)
        {
            Assert.Fail($"{what}: expected {expected}, last saw {last}");
        }

        return last!;
    }
}
