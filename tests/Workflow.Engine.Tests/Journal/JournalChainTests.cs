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
        _instance = await JournalScenario.ApprovedAfterReturnAsync(_host);
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private Task SqlAsync(string sql) => JournalScenario.SqlAsync(_host, _instance, sql);

    private const string DropGuards = JournalScenario.DropGuards;

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
        Assert.Equal((3L, "its content does not match its hash: the entry was changed or damaged"), (check.FirstBadSequence, check.Reason));
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

        Assert.Equal((2L, "row 2 is missing: the entry was changed or damaged"), (check.FirstBadSequence, check.Reason));
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
