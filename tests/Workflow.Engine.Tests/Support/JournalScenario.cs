using Microsoft.Data.Sqlite;

namespace Workflow.Engine.Tests.Support;

/// <summary>A five-row journal to tamper with, and raw SQL on the file as someone with write access to the database.</summary>
public static class JournalScenario
{
    public const string DropGuards = "DROP TRIGGER IF EXISTS journal_no_update; DROP TRIGGER IF EXISTS journal_no_delete;";

    /// <summary>The sample approval returned, resubmitted and approved: Started, three Resumed rows and Finished.</summary>
    public static async Task<Guid> ApprovedAfterReturnAsync(EngineHost host)
    {
        await host.PublishSampleAsync("approval.json");
        var started = await host.StartAsync("approval", new() { ["regionCode"] = "370102" });
        var returned = await host.DecideAsync(started.NewBookmarks[0].Id, "return", new() { ["opinion"] = "请补充材料" });
        var again = await host.DecideAsync(returned.NewBookmarks[0].Id, "resubmit", actor: "officer-1");
        await host.DecideAsync(again.NewBookmarks[0].Id, "approve", new() { ["opinion"] = "同意" });
        return started.InstanceId;
    }

    /// <summary>Runs <paramref name="sql"/> on the database file with <c>$id</c> bound to the instance.</summary>
    public static async Task SqlAsync(EngineHost host, Guid instance, string sql, params (string Name, object? Value)[] parameters)
    {
        await using var connection = new SqliteConnection($"Data Source={host.DatabaseFile};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Parameters.AddWithValue("$id", instance.ToString().ToUpperInvariant());
        foreach (var (name, value) in parameters) command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        await command.ExecuteNonQueryAsync();
    }
}
