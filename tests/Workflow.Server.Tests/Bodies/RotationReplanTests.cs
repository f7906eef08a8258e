using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Workflow.Engine.Execution;
using Workflow.Federation.Common;
using Workflow.Persistence.Instances;
using Workflow.Persistence.Storage;
using Workflow.Server.Accounts;
using Workflow.Server.Reminders;
using Workflow.Server.Tests.Support;

namespace Workflow.Server.Tests.Bodies;

/// <summary>A re-planned rotation moves its handovers; it cannot begin before the body; each period's reminders can be read.</summary>
public sealed class RotationReplanTests
{
    private static readonly TimeOnly s_nine = new(9, 0);

    private static async Task<(ServiceFactory Factory, Guid Body, Guid[] Chairs, HttpClient Officer, DateOnly Founded)> BodyWithPresidiumAsync(string tag)
    {
        var factory = new ServiceFactory();
        var today = factory.Today();
        var founded = new DateOnly(today.Year, today.Month, 1).AddMonths(1);
        var chairs = new[] { await factory.CreateChairAsync($"{tag}-a"), await factory.CreateChairAsync($"{tag}-b"), await factory.CreateChairAsync($"{tag}-c") };
        var body = await factory.RegisteredBodyAsync(foundedOn: founded);
        await factory.CreateUserAsync($"{tag}-officer", Roles.Officer, TestRegions.Town);
        return (factory, body, chairs, await factory.SignInAsync($"{tag}-officer"), founded);
    }

    [Fact]
    public async Task MovingTheStartByTwoMonths_WithdrawsTheOldHandovers_AndEachNewOneComesOnItsNewDate_NeverEarlier()
    {
        var (factory, body, chairs, officer, founded) = await BodyWithPresidiumAsync("mv");
        await using var _ = factory;
        var start = founded.AddMonths(1);
        var moved = start.AddMonths(2);
        await officer.PutAsJsonAsync($"/api/bodies/{body}/rotation", new { start, order = chairs });
        var old = await factory.FollowUpsAsync(body, "handover:");

        var replanned = await (await officer.PutAsJsonAsync($"/api/bodies/{body}/rotation", new { start = moved, order = chairs })).ReadObjectAsync();

        // Every handover of the old plan is withdrawn; the new plan has one period less before the same term end.
        Assert.Equal((old.Count, old.Count - 1), ((int)replanned["handovers"]!["cancelled"]!, (int)replanned["handovers"]!["started"]!));
        var instances = factory.Services.GetRequiredService<InstanceQueries>();
        Assert.All(await instances.StatusesAsync([.. old.Select(f => f.InstanceId)]), s => Assert.Equal(InstanceStatus.Cancelled, s.Value));
        var periods = (JsonArray)replanned["periods"]!;
        var newDates = periods.Skip(1).Select(p => ChinaInstant.At(DateOnly.Parse((string)p!["firstDay"]!, CultureInfo.InvariantCulture), s_nine).Utc).ToList();
        Assert.Equal(newDates, await WaitingHandoverTimesAsync(factory, body));

        // The old plan's first handover date comes (it is the new plan's first day): nobody is asked to hand over.
        await factory.RunTimersUntilAsync(ChinaInstant.At(start.AddMonths(2), s_nine).Utc);
        Assert.Empty(await HandoverTasksAsync(factory, "mv-a", "mv-b", "mv-c"));
        // A minute before the new first handover, still nothing.
        await factory.RunTimersUntilAsync(newDates[0].AddMinutes(-1));
        Assert.Empty(await HandoverTasksAsync(factory, "mv-a", "mv-b", "mv-c"));
        // At it, the first chair hands over to the second, and only that: the old plan's b→c handover of this date is gone.
        await factory.RunTimersUntilAsync(newDates[0]);
        Assert.Equal(["mv-a"], await HandoverTasksAsync(factory, "mv-a", "mv-b", "mv-c"));
        Assert.Equal(2, (int)periods[1]!["number"]!);
    }

    [Fact]
    public async Task ARotationStartingBeforeTheBodyWasFounded_IsRefusedWithTheReason()
    {
        var (factory, body, chairs, officer, founded) = await BodyWithPresidiumAsync("bf");
        await using var _ = factory;

        var refused = await (await officer.PutAsJsonAsync($"/api/bodies/{body}/rotation", new { start = founded.AddMonths(-2), order = chairs }))
            .AssertProblemAsync(422, "rule-refused");

        var explanation = ((JsonArray)refused["explanations"]!).Single()!;
        Assert.Equal("schedule.start-before-founding", (string?)explanation["code"]);
        Assert.Contains($"早于本会成立日期{founded:yyyy-MM-dd}", (string?)explanation["chinese"], StringComparison.Ordinal);
        Assert.Empty(await factory.FollowUpsAsync(body, "handover:"));
    }

    [Fact]
    public async Task EachPeriodsReminders_ShowTheirDueTimeAndStage_AndOnceDeliveredTheirChannels()
    {
        var (factory, body, chairs, officer, founded) = await BodyWithPresidiumAsync("rv");
        await using var _ = factory;
        var start = founded.AddMonths(1);
        await officer.PutAsJsonAsync($"/api/bodies/{body}/rotation", new { start, order = chairs });
        var chair = await factory.SignInAsync("rv-b");

        var second = (await (await chair.GetAsync($"/api/bodies/{body}/rotation")).ReadObjectAsync())["periods"]![1]!;

        Assert.Equal((2, chairs[1].ToString()), ((int)second["number"]!, (string?)second["personId"]));
        var reminders = (JsonArray)second["reminders"]!;
        var secondStart = start.AddMonths(2);
        Assert.Equal([("ahead", ChinaInstant.At(secondStart.AddDays(-7), s_nine).Utc, "scheduled"), ("first-day", ChinaInstant.At(secondStart, s_nine).Utc, "scheduled")],
            reminders.Select(r => ((string)r!["moment"]!, (DateTimeOffset)r["dueAt"]!, (string)r["stage"]!)));

        factory.Clock.SetUtcNow(ChinaInstant.At(secondStart.AddDays(-7), s_nine).Utc);
        await factory.Services.GetRequiredService<ReminderSweep>().RunAsync(CancellationToken.None);

        // Weeks later her token has expired: she signs in again.
        var later = await factory.SignInAsync("rv-b");
        var ahead = (await (await later.GetAsync($"/api/bodies/{body}/rotation")).ReadObjectAsync())["periods"]![1]!["reminders"]![0]!;
        Assert.Equal("delivered", (string?)ahead["stage"]);
        Assert.Contains((JsonArray)ahead["deliveries"]!, d => (string?)d!["channel"] == "inApp" && (string?)d["state"] == "sent" && (string?)d["recipientId"] == chairs[1].ToString());
    }

    private static async Task<List<DateTimeOffset>> WaitingHandoverTimesAsync(ServiceFactory factory, Guid body)
    {
        var running = new List<Guid>();
        var statuses = await factory.Services.GetRequiredService<InstanceQueries>().StatusesAsync([.. (await factory.FollowUpsAsync(body, "handover:")).Select(f => f.InstanceId)]);
        running.AddRange(statuses.Where(s => s.Value == InstanceStatus.Blocked).Select(s => s.Key));
        await using var db = await factory.Services.GetRequiredService<IDbContextFactory<WorkflowDbContext>>().CreateDbContextAsync();
        return [.. (await db.Timers.AsNoTracking().Where(t => running.Contains(t.InstanceId) && t.FiredAt == null).Select(t => t.DueAt).ToListAsync()).Order()];
    }

    /// <summary>Which of these people have a handover to confirm in their task list.</summary>
    private static async Task<List<string>> HandoverTasksAsync(ServiceFactory factory, params string[] people)
    {
        var holding = new List<string>();
        foreach (var person in people)
        {
            var page = await (await (await factory.SignInAsync(person)).GetAsync("/api/tasks?show=available")).ReadObjectAsync();
            if (((JsonArray)page["items"]!).Any(t => (string?)t!["title"] == "确认轮值主席交接")) holding.Add(person);
        }
        return holding;
    }
}
