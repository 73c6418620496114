using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace ChildProtection.Coordination.Tests.Support;

/// <summary>Every log line the test host writes (after the host's level rules), for tests about what is logged.</summary>
public sealed class LogCapture : ILoggerProvider
{
    public sealed record Line(string Category, LogLevel Level, string Message, Exception? Exception);

    private readonly ConcurrentQueue<Line> lines = new();

    public IReadOnlyList<Line> Lines => lines.ToArray();

    public void Clear() => lines.Clear();

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose() { }

    private sealed class Logger(LogCapture capture, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (capture.lines.Count < 100_000) capture.lines.Enqueue(new Line(category, logLevel, formatter(state, exception), exception));
        }
    }
}
