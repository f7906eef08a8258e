using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Workflow.Server.Accounts;
using Workflow.Server.Reminders;
using Workflow.Server.Storage;
using Workflow.Server.Tests.Support;

namespace Workflow.Server.Tests.Bodies;

/// <summary>A rotating presidium after registration: its reminders, its swaps and skips told to the people concerned, and its handovers.</summary>
public sealed class RotationChangesTests
{
    private static readonly TimeSpan s_wait = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task ARegisteredBodysRotation_RemindsEachChairAtNineChinaTime_AndASwapReachesBothByInboxEmailAndWebhook()
    {
        await using var channels = new Channels();
        await using var factory = channels.Configure(new ServiceFactory());
        var chairs = new[] { await factory.CreateChairAsync("rot-a"), await factory.CreateChairAsync("rot-b"), await factory.CreateChairAsync("rot-c") };
        await factory.AddWebhookAsync(channels.Hooks.Url, userId: chairs[1]);
        var body = await factory.RegisteredBodyAsync();
        await factory.CreateUserAsync("rot-officer", Roles.Officer, TestRegions.Town);
        var officer = await factory.SignInAsync("rot-officer");

        var planned = await (await officer.PutAsJsonAsync($"/api/bodies/{body}/rotation", new { start = "2027-01-01", order = chairs })).ReadObjectAsync();

        var periods = (JsonArray)planned["periods"]!;
        Assert.Equal(30, periods.Count); // five years of two-month periods, 2027-01-01 to the term end 2031-12-01
        Assert.Equal("2031-11-30", (string?)periods[^1]!["lastDay"]);
        // The second chair is reminded seven days ahead at 09:00 in China (01:00 UTC) and on her first day.
        Assert.Equal([new DateTimeOffset(2027, 2, 22, 1, 0, 0, TimeSpan.Zero), new DateTimeOffset(2027, 3, 1, 1, 0, 0, TimeSpan.Zero)],
            await DueTimesAsync(factory, $"rotation:{body:N}:2:"));
        Assert.Equal(29, (await factory.FollowUpsAsync(body, "handover:")).Count);

        var swapped = await officer.PostAsJsonAsync($"/api/bodies/{body}/rotation/swap", new { first = 2, second = 3, reason = "rot-b 2027年春季休产假" });

        var view = await swapped.ReadObjectAsync();
        Assert.Equal(HttpStatusCode.OK, swapped.StatusCode);
        Assert.Equal(chairs[2].ToString(), (string?)view["periods"]![1]!["personId"]);
        Assert.Equal(chairs[1].ToString(), (string?)view["periods"]![2]!["personId"]);
        Assert.Equal("rot-b 2027年春季休产假", (string?)view["adjustments"]![0]!["reason"]);
        // The handovers around the two periods follow the people: three withdrawn, three started.
        Assert.Equal((3, 3), ((int)view["handovers"]!["cancelled"]!, (int)view["handovers"]!["started"]!));
        Assert.True(await Eventually.HoldsAsync(() => channels.Smtp.Received.Count == 2 && channels.Hooks.Received.Count == 1, s_wait), "both chairs hear of it");
        Assert.Equal(["rot-b@example.test", "rot-c@example.test"], channels.Smtp.Received.SelectMany(m => m.To).Order());
        Assert.StartsWith("轮值安排已调整", channels.Smtp.Received[0].Message.Subject);
        Assert.Contains("产假", JsonNode.Parse(channels.Hooks.Received[0].Text)!["body"]!["zh"]!.GetValue<string>());
        var inbox = await (await factory.SignInAsync("rot-c")).InboxAsync();
        Assert.Contains(inbox, n => ((string)n["subject"]!).StartsWith("轮值安排已调整", StringComparison.Ordinal) && ((string)n["body"]!).Contains("2027年3月1日"));
        Assert.DoesNotContain(await (await factory.SignInAsync("rot-a")).InboxAsync(), n => ((string)n["subject"]!).StartsWith("轮值安排已调整", StringComparison.Ordinal));
        // rot-c now has period 2's reminders; rot-b's moved to period 3.
        Assert.Contains(chairs[2].ToString("N"), (await KeysAsync(factory, $"rotation:{body:N}:2:")).First());
    }

    [Fact]
    public async Task TheOutgoingChair_ConfirmsTheHandoverInHerOwnInbox_AndNobodyElseCan()
    {
        await using var factory = new ServiceFactory();
        var chairs = new[] { await factory.CreateChairAsync("ho-a"), await factory.CreateChairAsync("ho-b"), await factory.CreateChairAsync("ho-c") };
        var body = await factory.RegisteredBodyAsync();
        await factory.CreateUserAsync("ho-officer", Roles.Officer, TestRegions.Town);
        var officer = await factory.SignInAsync("ho-officer");
        await officer.PutAsJsonAsync($"/api/bodies/{body}/rotation", new { start = "2027-01-01", order = chairs });
        var first = (await factory.FollowUpsAsync(body, "handover:002:"))[0];

        await factory.FireWaitingTimerAsync(first.InstanceId);

        var (outgoing, incoming, other) = (await factory.SignInAsync("ho-a"), await factory.SignInAsync("ho-b"), await factory.SignInAsync("ho-c"));
        var task = Assert.Single(await TasksAsync(outgoing));
        Assert.Equal(("确认轮值主席交接", true), ((string?)task["title"], (bool)task["personal"]!));
        Assert.Empty(await TasksAsync(incoming));
        Assert.Empty(await TasksAsync(other));
        var taskId = (string)task["id"]!;
        await (await incoming.PostAsJsonAsync($"/api/tasks/{taskId}/decision", new { outcome = "confirmed" })).AssertProblemAsync(403, "forbidden");

        // She may hand it to a colleague of the same role, who then decides it.
        var delegated = await outgoing.PostAsJsonAsync($"/api/tasks/{taskId}/delegate", new { userId = chairs[2], note = "出差，请代为确认" });
        Assert.Equal(HttpStatusCode.OK, delegated.StatusCode);
        Assert.Single(await TasksAsync(other, "mine"));
        var decided = await other.PostAsJsonAsync($"/api/tasks/{taskId}/decision", new { outcome = "confirmed", form = new { handedOver = "三八节活动方案、两家企业走访台账" } });
        Assert.Equal(HttpStatusCode.OK, decided.StatusCode);
        Assert.Equal("finished", (string?)(await decided.ReadObjectAsync())["status"]);
    }

    [Fact]
    public async Task ChangesAreRefusedWithReasons_AndOnlyInScope()
    {
        await using var factory = new ServiceFactory();
        var chairs = new[] { await factory.CreateChairAsync("rf-a"), await factory.CreateChairAsync("rf-b") };
        var body = await factory.RegisteredBodyAsync();
        await factory.CreateUserAsync("rf-officer", Roles.Officer, TestRegions.Town);
        await factory.CreateUserAsync("rf-neighbour", Roles.Officer, TestRegions.NeighbourTown);
        var officer = await factory.SignInAsync("rf-officer");
        var neighbour = await factory.SignInAsync("rf-neighbour");
        var chair = await factory.SignInAsync("rf-a");

        await (await officer.GetAsync($"/api/bodies/{body}/rotation")).AssertProblemAsync(404, "not-found");
        await (await chair.PutAsJsonAsync($"/api/bodies/{body}/rotation", new { start = "2027-01-01", order = chairs })).AssertProblemAsync(403, "forbidden");
        await (await neighbour.PutAsJsonAsync($"/api/bodies/{body}/rotation", new { start = "2027-01-01", order = chairs })).AssertProblemAsync(404, "not-found");
        Assert.Equal(HttpStatusCode.OK, (await officer.PutAsJsonAsync($"/api/bodies/{body}/rotation", new { start = "2027-01-01", order = chairs })).StatusCode);

        var noReason = await (await officer.PostAsJsonAsync($"/api/bodies/{body}/rotation/swap", new { first = 2, second = 3, reason = " " })).AssertProblemAsync(422, "rule-refused");
        Assert.NotEmpty((JsonArray)noReason["explanations"]!);
        await (await officer.PostAsJsonAsync($"/api/bodies/{body}/rotation/skip", new { period = 99, reason = "调动" })).AssertProblemAsync(422, "rule-refused");
        await (await officer.PostAsJsonAsync($"/api/bodies/{body}/rotation/swap", new { first = "one", second = 2, reason = "x" })).AssertProblemAsync(400, "invalid-body");
        // The chair reads her body's rotation; a neighbour does not even learn it exists.
        Assert.Equal(HttpStatusCode.OK, (await chair.GetAsync($"/api/bodies/{body}/rotation")).StatusCode);
        await (await neighbour.GetAsync($"/api/bodies/{body}/rotation")).AssertProblemAsync(404, "not-found");

        var skipped = await (await officer.PostAsJsonAsync($"/api/bodies/{body}/rotation/skip", new { period = 2, reason = "rf-b 调离" })).ReadObjectAsync();
        Assert.Equal(chairs[0].ToString(), (string?)skipped["periods"]![1]!["personId"]);
        var history = (JsonArray)JsonNode.Parse(await chair.GetStringAsync($"/api/bodies/{body}/history"))!;
        Assert.Contains(history, e => (string?)e!["kind"] == "rotation" && (string?)e["step"] == "skip" && (string?)e["note"] == "rf-b 调离");
    }

    [Fact]
    public async Task WhenTheLeadershipChanges_BegunPeriodsStay_FuturePeriodsAreRebuilt_AndWhoeverLeftIsTold()
    {
        await using var factory = new ServiceFactory();
        var chairs = new[] { await factory.CreateChairAsync("lc-a"), await factory.CreateChairAsync("lc-b"), await factory.CreateChairAsync("lc-c") };
        var body = await factory.RegisteredBodyAsync(foundedOn: new DateOnly(2026, 10, 1));
        await factory.CreateUserAsync("lc-officer", Roles.Officer, TestRegions.Town);
        var officer = await factory.SignInAsync("lc-officer");
        // Begun on 1 October 2026: lc-a holds the current period.
        await officer.PutAsJsonAsync($"/api/bodies/{body}/rotation", new { start = "2026-10-01", order = chairs });

        await (await officer.PutAsJsonAsync($"/api/bodies/{body}/rotation", new { start = "2026-10-01", order = new[] { chairs[2], chairs[0] } }))
            .AssertProblemAsync(400, "validation");
        var rebuilt = await (await officer.PutAsJsonAsync($"/api/bodies/{body}/rotation",
            new { start = "2026-10-01", order = new[] { chairs[2], chairs[0] }, reason = "lc-b 当选上级妇联职务，退出主席团" })).ReadObjectAsync();

        var periods = (JsonArray)rebuilt["periods"]!;
        Assert.Equal((chairs[0].ToString(), true), ((string?)periods[0]!["personId"], (bool)periods[0]!["current"]!));
        Assert.Equal([chairs[2].ToString(), chairs[0].ToString(), chairs[2].ToString()], periods.Skip(1).Take(3).Select(p => (string?)p!["personId"]));
        Assert.Equal("rebuild", (string?)rebuilt["adjustments"]![0]!["kind"]);
        var left = await factory.SignInAsync("lc-b");
        Assert.True(await Eventually.HoldsAsync(async () => (await left.InboxAsync()).Any(n => ((string)n["body"]!).Contains("您在本届任期内已无尚未开始的轮值")), s_wait));
    }

    private static async Task<List<JsonObject>> TasksAsync(HttpClient person, string show = "available")
    {
        var page = await (await person.GetAsync($"/api/tasks?show={show}")).ReadObjectAsync();
        return [.. ((JsonArray)page["items"]!).Select(t => (JsonObject)t!)];
    }

    private static async Task<List<DateTimeOffset>> DueTimesAsync(ServiceFactory factory, string prefix)
    {
        await using var db = await factory.Services.GetRequiredService<IDbContextFactory<ServiceDbContext>>().CreateDbContextAsync();
        return (await db.Reminders.AsNoTracking().Where(r => r.Key.StartsWith(prefix) && r.Status == ReminderStatus.Scheduled).Select(r => r.DueAt).ToListAsync()).Order().ToList();
    }

    private static async Task<List<string>> KeysAsync(ServiceFactory factory, string prefix)
    {
        await using var db = await factory.Services.GetRequiredService<IDbContextFactory<ServiceDbContext>>().CreateDbContextAsync();
        return await db.Reminders.AsNoTracking().Where(r => r.Key.StartsWith(prefix) && r.Status == ReminderStatus.Scheduled).Select(r => r.Key).ToListAsync();
    }
}
