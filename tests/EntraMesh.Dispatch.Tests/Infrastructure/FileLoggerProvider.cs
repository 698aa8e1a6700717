using Microsoft.Extensions.Logging;

namespace EntraMesh.Dispatch.Tests.Infrastructure;

/// <summary>Writes log lines to the file named by ENTRAMESH_TEST_LOG (for diagnosing a test run); off when unset.</summary>
internal sealed class FileLoggerProvider(string path) : ILoggerProvider
{
    static readonly Lock Gate = new();

    public ILogger CreateLogger(string categoryName) => new FileLogger(path, categoryName);

    public void Dispose()
    {
    }

    sealed class FileLogger(string path, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Debug;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!category.StartsWith("EntraMesh", StringComparison.Ordinal) && logLevel < LogLevel.Warning) return;
            var line = $"{DateTime.UtcNow:HH:mm:ss.fff} {logLevel} {category}: {formatter(state, exception)}{(exception is null ? "" : " | " + exception)}\n";
            lock (Gate) File.AppendAllText(path, line);
        }
    }
}
