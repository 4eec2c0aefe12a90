using Microsoft.Extensions.Logging;

namespace GateSync.Hub.Tests.Support;

/// <summary>
/// Holds the thread that writes the log event <see cref="EventId"/> until <see cref="Release"/>: a seam for tests that
/// must see the hub in the middle of something (a rebuild at start that has begun and not yet read) without timing.
/// </summary>
internal sealed class HoldingLoggerProvider(int eventId) : ILoggerProvider
{
    private readonly ManualResetEventSlim _released = new();

    public int EventId { get; } = eventId;

    /// <summary>How long a held thread waits at most, so a test that fails before releasing cannot hang the run.</summary>
    public static TimeSpan MaxHold { get; } = TimeSpan.FromSeconds(60);

    public void Release() => _released.Set();

    public ILogger CreateLogger(string categoryName) => new Holding(this);

    public void Dispose()
    {
        _released.Set();
        _released.Dispose();
    }

    private sealed class Holding(HoldingLoggerProvider provider) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (eventId.Id == provider.EventId)
            {
                provider._released.Wait(MaxHold);
            }
        }
    }
}
