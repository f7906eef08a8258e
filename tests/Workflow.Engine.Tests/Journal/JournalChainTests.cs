using Microsoft.Data.Sqlite;
using Workflow.Engine.Tests.Support;

namespace Workflow.Engine.Tests.Journal;

public sealed class JournalChainTests : IAsyncLifetime
{
    private EngineHost _host = null!;
    private Guid _instance;

    public async Task InitializeAsync()
    {
        _host = await EngineHost.StartAsync();
        await _host.PublishSampleAsync("approval.json");
        var started = await _host.StartAsync("approval", new() { ["regionCode"] = "370102" });
        var returned = await _host.DecideAsync(started.NewBookmarks[0].Id, "return", new() { ["opinion"] = "请补充材料" });
        var again = await _host.DecideAsync(returned.NewBookmarks[0].Id, "resubmit", actor: "officer-1");
        await _host.DecideAsync(again.NewBookmarks[0].Id, "approve", new() { ["opinion"] = "同意" });
        _instance = started.InstanceId;
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private async Task SqlAsync(string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={_host.DatabaseFile};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Parameters.AddWithValue("$id", _instance.ToString().ToUpperInvariant());
        await command.ExecuteNonQueryAsync();
    }

    private const string DropGuards = "DROP TRIGGER journal_no_update; DROP TRIGGER journal_no_delete;";

    [Fact]
    public async Task UntouchedJournal_Verifies()
    {
        var check = await _host.Instances.VerifyJournalAsync(_instance);

        Assert.True(check.Valid, check.Reason);
        Assert.Equal(5, check.Length);
    }

    [Theory]
    [InlineData("UPDATE journal SET Outcome = 'reject' WHERE InstanceId = $id AND Sequence = 2")]
    [InlineData("DELETE FROM journal WHERE InstanceId = $id AND Sequence = 5")]
    public async Task TheDatabaseRefusesToChangeOrRemoveJournalRows(string sql)
    {
        var error = await Assert.ThrowsAsync<SqliteException>(() => SqlAsync(sql));

        Assert.Contains("append-only", error.Message);
    }

    [Fact]
    public async Task EditedRow_IsFoundByVerification()
    {
        await SqlAsync(DropGuards + "UPDATE journal SET Actor = 'someone-else' WHERE InstanceId = $id AND Sequence = 3");

        var check = await _host.Instances.VerifyJournalAsync(_instance);

        Assert.False(check.Valid);
        Assert.Equal((3L, "its content does not match its hash"), (check.FirstBadSequence, check.Reason));
    }

    [Fact]
    public async Task RehashedForgery_BreaksTheLinkOfTheNextRow()
    {
        await SqlAsync(DropGuards + "UPDATE journal SET Hash = 'f00d' WHERE InstanceId = $id AND Sequence = 2");

        var check = await _host.Instances.VerifyJournalAsync(_instance);

        Assert.Equal(2L, check.FirstBadSequence);
    }

    [Fact]
    public async Task RemovedMiddleRow_IsFound()
    {
        await SqlAsync(DropGuards + "DELETE FROM journal WHERE InstanceId = $id AND Sequence = 2");

        var check = await _host.Instances.VerifyJournalAsync(_instance);

        Assert.Equal((2L, "row 2 is missing"), (check.FirstBadSequence, check.Reason));
    }

    [Fact]
    public async Task RemovedLastRow_IsFound()
    {
        await SqlAsync(DropGuards + "DELETE FROM journal WHERE InstanceId = $id AND Sequence = 5");

        var check = await _host.Instances.VerifyJournalAsync(_instance);

        Assert.False(check.Valid);
        Assert.Equal(5L, check.FirstBadSequence);
    }
}
