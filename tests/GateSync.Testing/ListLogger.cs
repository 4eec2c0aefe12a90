using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace GateSync.Testing;

/// <summary>Keeps every formatted log line in memory, for assertions (such as no personal data) and failure messages.</summary>
public sealed class ListLogger<T> : ILogger<T>
{
    private readonly ConcurrentQueue<string> _lines = new();

    public IReadOnlyCollection<string> Lines => _lines;

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        ArgumentNullException.ThrowIfNull(formatter);
        var failure = exception is null ? string.Empty : $" | {exception.GetType().Name}: {exception.Message}";
        _lines.Enqueue($"{DateTime.UtcNow:HH:mm:ss.fff} {logLevel}: {formatter(state, exception)}{failure}");
    }
}
