namespace GateSync.EndToEnd.Tests.Infrastructure;

/// <summary>Polls until a condition holds: processes on a loaded 2-core machine take their time.</summary>
internal static class Eventually
{
    public static async Task<T> ReachesAsync<T>(Func<Task<T>> read, Func<T, bool> condition, TimeSpan timeout, Func<string> diagnostics)
    {
        var deadline = DateTime.UtcNow + timeout;
        T last = await read();
        while (!condition(last))
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Still {last} after {timeout.TotalSeconds:0}s.{Environment.NewLine}{diagnostics()}");
            }

            await Task.Delay(250);
            last = await read();
        }

        return last;
    }
}
