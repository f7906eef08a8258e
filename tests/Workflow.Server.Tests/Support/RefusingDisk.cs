using System.Collections.Concurrent;
using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Workflow.Federation.Storage;
using Workflow.Persistence.Storage;
using Workflow.Persistence.Stores.Sqlite;
using Workflow.Server.Storage;

namespace Workflow.Server.Tests.Support;

/// <summary>
/// Makes SQLite itself refuse every write to the service's database while <see cref="Refusing"/> is set, the way a read-only
/// disk does: each connection (EF Core's on every open, the engine's writer before every transaction) runs
/// <c>PRAGMA query_only</c>, and SQLite answers writes with SQLITE_READONLY. A chmod'ed file would not do: the tests run as
/// root, who writes it anyway.
/// </summary>
public sealed class RefusingDisk : DbConnectionInterceptor
{
    private volatile bool _refusing;

    public bool Refusing
    {
        get => _refusing;
        set => _refusing = value;
    }

    /// <summary>Every log line the host wrote, to find the disk error named.</summary>
    public ConcurrentQueue<string> Logs { get; } = new();

    public void AddTo(IServiceCollection services)
    {
        services.ConfigureDbContext<WorkflowDbContext>(o => o.AddInterceptors(this));
        services.ConfigureDbContext<ServiceDbContext>(o => o.AddInterceptors(this));
        services.ConfigureDbContext<FederationDbContext>(o => o.AddInterceptors(this));
        services.AddSingleton(new WriterConnectionHook(Apply));
        services.AddLogging(l => l.AddProvider(new RecordingLoggerProvider(Logs)));
    }

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Apply(connection);

    public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Apply(connection);
        return Task.CompletedTask;
    }

    // Pooled connections keep their pragmas, so each open sets the flag either way.
    private void Apply(DbConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = _refusing ? "PRAGMA query_only = 1" : "PRAGMA query_only = 0";
        command.ExecuteNonQuery();
    }

    private void Apply(SqliteConnection connection) => Apply((DbConnection)connection);

    private sealed class RecordingLoggerProvider(ConcurrentQueue<string> lines) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new Recorder(categoryName, lines);

        public void Dispose()
        {
        }
    }

    private sealed class Recorder(string category, ConcurrentQueue<string> lines) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel)) lines.Enqueue($"{logLevel} {category}: {formatter(state, exception)} {exception?.GetType().Name}");
        }
    }
}
