using System.Globalization;
using System.Text.Json.Nodes;
using Workflow.Engine.Execution;
using Workflow.Engine.Journal;
using Workflow.Engine.Tests.Support;
using Workflow.Persistence.Storage;

namespace Workflow.Engine.Tests.Runtime;

/// <summary>
/// A working-calendar change moves the due dates of tasks already open (issue 14): the bookmark, the reminders and escalation
/// that have not gone out, and a journal row, in one transition per task; what went out is not sent again.
/// </summary>
public abstract class DueMoveTests(StorageProvider provider) : IAsyncLifetime
{
    private EngineHost _host = null!;

    public async Task InitializeAsync()
    {
        _host = await EngineHost.StartAsync(provider);
        await _host.PublishSampleAsync("approval.json");
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task ADayClosedUnderAnOpenTask_MovesItsDueDate_AndOnlyTheRemindersNotYetSent()
    {
        var started = await _host.StartAsync("approval", new() { ["regionCode"] = "370102" });
        var task = started.NewBookmarks[0];
        var due = task.DueAt!.Value;
        _host.Clock.Set(due.AddDays(-2));
        await _host.FireDueTimersAsync();
        Assert.Single(_host.Notifications.Sent);

        _host.Calendar.Close(due);
        var moved = await _host.Runtime.MoveDueDatesAsync("admin");

        Assert.Equal(1, moved);
        Assert.Equal(due.AddDays(1), (await _host.Instances.GetAsync(started.InstanceId)).Bookmarks.Single().DueAt);
        // The three-day reminder went out already; the one-day reminder and the escalation follow the new date.
        Assert.Equal([(TimerPurpose.Reminder, due), (TimerPurpose.Escalation, due.AddDays(2))],
            _host.Scheduler.Pending.Select(t => (t.Purpose, t.DueAt)));
        var journal = await _host.Instances.JournalAsync(started.InstanceId);
        var entry = Assert.Single(journal, j => j.Kind == JournalKind.DueMoved);
        var data = JsonNode.Parse(entry.Data!)!;
        Assert.Equal((task.Id, "admin", due, due.AddDays(1)), (entry.BookmarkId!.Value, entry.Actor, Instant(data["from"]), Instant(data["to"])));
        Assert.Equal($"因停工顺延至{due.AddDays(1):M月d日}", (string?)data["reason"]);
        Assert.True((await _host.Instances.VerifyJournalAsync(started.InstanceId)).Valid);
        Assert.Equal(0, await _host.Runtime.MoveDueDatesAsync("admin"));

        _host.Clock.Set(due.AddDays(3));
        await _host.FireDueTimersAsync();
        Assert.Equal(["reminder", "reminder", "escalation"], _host.Notifications.Sent.Select(n => n.Kind));
        Assert.Contains(due.AddDays(1).ToOffset(TimeSpan.FromHours(8)).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture), _host.Notifications.Sent.Last().Body);
        Assert.Contains("因停工顺延至", _host.Notifications.Sent.Last().Body);
    }

    [Fact]
    public async Task ADayReopened_BringsTheDueDateBack_ButNeverMakesATaskOverdueAtOnce()
    {
        var rule = _host.Clock.GetUtcNow().AddDays(15);
        _host.Calendar.Close(rule);
        var early = await _host.StartAsync("approval", new() { ["regionCode"] = "370102" });
        _host.Clock.Advance(TimeSpan.FromDays(2));
        var late = await _host.StartAsync("approval", new() { ["regionCode"] = "370103" });
        Assert.Equal(rule.AddDays(1), early.NewBookmarks[0].DueAt);
        // The second task's rule lands two days later, on an open day.
        Assert.Equal(rule.AddDays(2), late.NewBookmarks[0].DueAt);
        _host.Clock.Set(rule.AddHours(1));

        _host.Calendar.Open(rule);
        Assert.Equal(0, await _host.Runtime.MoveDueDatesAsync("admin"));
        Assert.Equal(rule.AddDays(1), (await _host.Instances.GetAsync(early.InstanceId)).Bookmarks.Single().DueAt);

        _host.Calendar.Close(rule.AddDays(2));
        Assert.Equal(1, await _host.Runtime.MoveDueDatesAsync("admin"));
        Assert.Equal(rule.AddDays(3), (await _host.Instances.GetAsync(late.InstanceId)).Bookmarks.Single().DueAt);
    }

    [Fact]
    public async Task ADecidedTask_IsNotMoved_AndItsTimersStayCancelled()
    {
        var started = await _host.StartAsync("approval", new() { ["regionCode"] = "370102" });
        await _host.DecideAsync(started.NewBookmarks[0].Id, "approve");

        _host.Calendar.Close(started.NewBookmarks[0].DueAt!.Value);

        Assert.Equal(0, await _host.Runtime.MoveDueDatesAsync("admin"));
        Assert.Empty(_host.Scheduler.Pending);
        Assert.DoesNotContain(await _host.Instances.JournalAsync(started.InstanceId), j => j.Kind == JournalKind.DueMoved);
    }

    private static DateTimeOffset Instant(JsonNode? node) => DateTimeOffset.Parse((string)node!, CultureInfo.InvariantCulture);
}

public sealed class DueMoveTestsOnSqlite() : DueMoveTests(StorageProvider.Sqlite);

public sealed class DueMoveTestsOnPostgreSql() : DueMoveTests(StorageProvider.PostgreSql);
