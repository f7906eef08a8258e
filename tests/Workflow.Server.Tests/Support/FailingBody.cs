using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Workflow.Server.Tests.Support;

/// <summary>
/// A failure the service cannot foresee: a request carrying <see cref="Header"/> has a body whose reading throws,
/// deep inside the endpoint's body binding, where only the service's own exception handling can answer.
/// </summary>
public sealed class FailingBody : IStartupFilter
{
    public const string Header = "X-Test-Failing-Body";

    public static void AddTo(IServiceCollection services) => services.AddSingleton<IStartupFilter, FailingBody>();

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use(async (context, inner) =>
        {
            if (context.Request.Headers.ContainsKey(Header)) context.Request.Body = new ThrowingStream();
            await inner(context);
        });
        next(app);
    };

    private sealed class ThrowingStream : MemoryStream
    {
        public override int Read(byte[] buffer, int offset, int count) => throw new InvalidOperationException("the test's body fails to read");

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            throw new InvalidOperationException("the test's body fails to read");

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            throw new InvalidOperationException("the test's body fails to read");
    }
}

/// <summary>Keeps the error-level log lines the service writes, for tests that check a failure was logged.</summary>
public sealed class ErrorLog : ILoggerProvider
{
    public ConcurrentQueue<(string Category, string Message, Exception? Exception)> Entries { get; } = new();

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    private sealed class Logger(ErrorLog log, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Error;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel)) log.Entries.Enqueue((category, formatter(state, exception), exception));
        }
    }
}
