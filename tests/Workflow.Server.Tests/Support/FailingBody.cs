using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Workflow.Federation.Common;

namespace Workflow.Server.Tests.Support;

/// <summary>
/// A failure the service cannot foresee: a request carrying <see cref="Header"/> has a body whose reading throws,
/// deep inside the endpoint's body binding, where only the service's own exception handling can answer.
/// </summary>
public sealed class FailingBody : IStartupFilter
{
    public const string Header = "X-Test-Failing-Body";

    /// <summary>A request carrying this header has a body whose reading is refused by the domain (someone else acted first): a 409.</summary>
    public const string RefusedHeader = "X-Test-Refused-Body";

    public static void AddTo(IServiceCollection services) => services.AddSingleton<IStartupFilter, FailingBody>();

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use(async (context, inner) =>
        {
            if (context.Request.Headers.ContainsKey(Header)) context.Request.Body = new ThrowingStream(() => new InvalidOperationException("the test's body fails to read"));
            if (context.Request.Headers.ContainsKey(RefusedHeader))
                context.Request.Body = new ThrowingStream(() => new StateConflictException("test-decided", "已由他人办理", "someone else has decided it"));
            await inner(context);
        });
        next(app);
    };

    private sealed class ThrowingStream(Func<Exception> failure) : MemoryStream
    {
        public override int Read(byte[] buffer, int offset, int count) => throw failure();

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) => throw failure();

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) => throw failure();
    }
}

/// <summary>
/// A page request carrying <see cref="Header"/> fails inside the page, after its form was read: with a bug when the value is
/// <c>bug</c>, with a domain refusal (someone else acted first, a 409) when it is <c>refused</c>. The error page itself is spared.
/// </summary>
public sealed class FailingPages : IAsyncPageFilter
{
    public const string Header = "X-Test-Failing-Page";

    public static void AddTo(IServiceCollection services) => services.Configure<MvcOptions>(o => o.Filters.Add(new FailingPages()));

    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        var request = context.HttpContext.Request;
        if (request.Path.StartsWithSegments("/error") || !request.Headers.TryGetValue(Header, out var kind)) return next();
        throw kind == "refused"
            ? new StateConflictException("test-decided", "已由他人办理", "someone else has decided it")
            : new InvalidOperationException("the test's page fails");
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
