using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Workflow.Server.Tests.Support;

namespace Workflow.Server.Tests.Reminders;

/// <summary>The engine's notify messages and task reminders reach people through the same exactly-once path.</summary>
public abstract class EngineNotificationTests(Store store)
{
    private const string Definition = """
        { "id": "notice-and-task", "name": "通知与待办", "activities": [
            { "id": "start", "type": "start", "next": "tell" },
            { "id": "tell", "type": "notify", "to": { "role": "officer", "region": "input.regionCode" },
              "subject": "联建会签完成：{input.name}", "body": "{input.name} 的联建单位党组织均已同意。", "next": "confirm" },
            { "id": "confirm", "type": "userTask", "title": "确认备案", "assignee": { "role": "officer", "region": "input.regionCode" },
              "outcomes": ["done"], "due": "PT1H", "remindBefore": ["PT59M58S"], "next": { "done": "end" } },
            { "id": "end", "type": "end" } ] }
        """;

    [Fact]
    public async Task ANotifyMessageAndATaskReminder_ReachTheOfficerOnce()
    {
        await using var factory = await store.NewServiceAsync();
        var admin = await factory.AdminAsync();
        (await admin.PostAsync("/api/definitions", new StringContent(Definition, Encoding.UTF8, "application/json"))).EnsureSuccessStatusCode();
        await factory.CreateUserAsync("officer-notice", "officer", TestRegions.Town);
        var officer = await factory.SignInAsync("officer-notice");

        var started = await officer.PostAsJsonAsync("/api/instances",
            new { definitionId = "notice-and-task", input = new JsonObject { ["regionCode"] = TestRegions.Village, ["name"] = "霞美片区产业基地妇联" } });
        var task = (string?)(await started.ReadObjectAsync())["tasks"]![0];

        Assert.True(await Eventually.HoldsAsync(async () => (await officer.InboxAsync()).Count == 1, TimeSpan.FromSeconds(20)), "the notify message comes at once");
        factory.Clock.Advance(TimeSpan.FromSeconds(2));

        Assert.True(await Eventually.HoldsAsync(async () => (await officer.InboxAsync()).Count == 2, TimeSpan.FromSeconds(20)));
        await factory.SettledAsync();
        var inbox = await officer.InboxAsync();
        Assert.Equal(["notify", "taskReminder"], inbox.Select(n => (string?)n["kind"]));
        Assert.Equal("联建会签完成：霞美片区产业基地妇联", (string?)inbox[0]["subject"]);
        Assert.Equal("待办提醒：确认备案", (string?)inbox[1]["subject"]);
        Assert.Equal($"/api/tasks/{task}", (string?)inbox[1]["link"]);
        Assert.All(inbox, n => Assert.StartsWith("engine:", (string?)n["key"], StringComparison.Ordinal));
    }
}

public sealed class EngineNotificationTestsOnSqlite() : EngineNotificationTests(Store.Sqlite);

public sealed class EngineNotificationTestsOnPostgreSql() : EngineNotificationTests(Store.PostgreSql);
