using System.Collections.Concurrent;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Workflow.Engine;
using Workflow.Persistence.Runtime;
using Workflow.Persistence.Storage;

namespace Workflow.Server.Tests.Support;

/// <summary>Every message the service logs, for tests that check what an operator is told.</summary>
public sealed class LogRecorder : ILoggerProvider
{
    private readonly ConcurrentQueue<(LogLevel Level, string Message)> _entries = new();

    public IReadOnlyList<(LogLevel Level, string Message)> Entries => [.. _entries];

    public ILogger CreateLogger(string categoryName) => new Recorder(_entries);

    public void Dispose()
    {
    }

    private sealed class Recorder(ConcurrentQueue<(LogLevel, string)> entries) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel)) entries.Enqueue((logLevel, formatter(state, exception)));
        }
    }
}

/// <summary>The service as the test host builds it, with one thing changed for a test.</summary>
public static class HostVariants
{
    /// <summary>An action handler the product does not have, so that a test can take it away again at the next start.</summary>
    public static WebApplicationFactory<Program> WithActionHandler(this WebApplicationFactory<Program> factory, IActionHandler handler) =>
        factory.WithWebHostBuilder(b => b.ConfigureServices(s => s.AddSingleton(handler)));

    public static WebApplicationFactory<Program> WithLogs(this WebApplicationFactory<Program> factory, LogRecorder logs) =>
        factory.WithWebHostBuilder(b => b.ConfigureLogging(l => l.AddProvider(logs)));

    /// <summary>The instance's timer of that purpose (the first, for reminders), fired or not.</summary>
    public static async Task<TimerRow> TimerAsync(this WebApplicationFactory<Program> factory, Guid instanceId, TimerPurpose purpose)
    {
        await using var db = await factory.Services.GetRequiredService<IDbContextFactory<WorkflowDbContext>>().CreateDbContextAsync();
        return (await db.Timers.AsNoTracking().Where(t => t.InstanceId == instanceId && t.Purpose == purpose).ToListAsync())
            .OrderBy(t => t.DueAt).First();
    }

    /// <summary>Does what the timer's job does when it runs; a timer that fired already stays fired once.</summary>
    public static Task FireTimerAsync(this WebApplicationFactory<Program> factory, TimerRow timer) =>
        factory.Services.GetRequiredService<WorkflowRuntime>().FireTimerAsync(timer.Key);
}
