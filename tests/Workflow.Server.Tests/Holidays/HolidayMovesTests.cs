using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Workflow.Federation.Common;
using Workflow.Federation.Holidays;
using Workflow.Server.Accounts;
using Workflow.Server.Reminders;
using Workflow.Server.Storage;
using Workflow.Server.Tests.Foundings;
using Workflow.Server.Tests.Support;

namespace Workflow.Server.Tests.Holidays;

/// <summary>Holidays for every date (issue 14): task due dates and duty-group turns move off days off, and an admin's override moves what is planned.</summary>
public sealed class HolidayMovesTests
{
    /// <summary>16 September 2026, 10:00 in China: fifteen days on is 1 October, National Day.</summary>
    private static readonly DateTimeOffset BeforeNationalDay = new(2026, 9, 16, 2, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task ATaskFallingDueOnNationalDay_IsDueOnTheNextWorkingDay_AndItsReminderSaysSo()
    {
        await using var factory = new ServiceFactory { Clock = new FakeTimeProvider(BeforeNationalDay) };
        var s = await Scenario.CreateAsync(factory);
        var ruleDue = ChinaInstant.Of(factory.Clock.GetUtcNow().AddDays(15));
        Assert.Equal(new DateOnly(2026, 10, 1), ruleDue.LocalDate);

        var (_, task) = await s.StartApprovalAsync();
        var detail = await (await s.Approver.GetAsync($"/api/tasks/{task}")).ReadObjectAsync();
        var due = (DateTimeOffset)detail["task"]!["dueAt"]!;
        // 国庆 2026 is off from 1 to 7 October: the task is due at the same time on Thursday the 8th.
        Assert.Equal(ChinaInstant.At(new DateOnly(2026, 10, 8), ruleDue.LocalTime).Utc, due);

        await factory.RunTimersUntilAsync(due.AddDays(-3));
        await factory.SettledAsync();
        await factory.Services.GetRequiredService<ReminderSweep>().RunAsync(CancellationToken.None);
        // Nineteen days on, her first sign-in has long expired.
        var inbox = await (await factory.SignInAsync(s.ApproverName)).InboxAsync();
        var reminder = inbox.Single(n => ((string?)n["subject"])!.StartsWith("待办提醒", StringComparison.Ordinal));
        Assert.Contains("2026-10-08", (string?)reminder["body"], StringComparison.Ordinal);
        Assert.Contains("因国庆节顺延至10月8日", (string?)reminder["body"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnAdminsHoliday_MovesTheDutyTurnAndTheJointMeetingPlannedOnIt_AndTheirRemindersSaySo()
    {
        await using var factory = new ServiceFactory();
        var tag = Guid.NewGuid().ToString("N")[..5];
        var executives = new List<Guid>();
        for (var i = 0; i < 4; i++) executives.Add(await factory.CreateChairAsync($"hm-exec-{i}{tag}"));
        var convener = await factory.CreateUserAsync($"hm-officer{tag}", Roles.Officer, TestRegions.Town);
        var officer = await factory.SignInAsync($"hm-officer{tag}");
        var body = await factory.RegisteredBodyAsync("霞美镇石材企业妇联");
        await factory.AddLinkedExecutivesAsync(body, executives);
        var other = await factory.RegisteredBodyAsync("霞美镇物流企业妇联");
        var today = ChinaInstant.Of(factory.Clock.GetUtcNow()).LocalDate;

        // A turn every two months from the first working day of next month; the group is told ahead and on its first day.
        var start = WorkingCalendar.Shipped.NextWorkingDay(new DateOnly(today.Year, today.Month, 1).AddMonths(1));
        var planned = await officer.PutAsJsonAsync($"/api/bodies/{body}/duty-groups", new { start = start.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), executives, groups = 2, minSize = 2, maxSize = 2 });
        Assert.True(planned.IsSuccessStatusCode, await planned.Content.ReadAsStringAsync());
        var second = (await TurnsAsync(officer, body))[1];
        var secondDay = DateOnly.Parse((string)second["firstDay"]!, CultureInfo.InvariantCulture);
        var group = await (await officer.PostAsJsonAsync("/api/meeting-groups", new
        {
            name = "霞美镇石材产业链妇联联席会", regionCode = TestRegions.Town, bodyIds = new[] { body, other }, convenerId = convener, inviteeIds = executives.Take(2).ToArray(),
        })).ReadObjectAsync();
        var meeting = ((JsonArray)group["meetings"]!).Select(m => m!).MinBy(m => (DateTimeOffset)m["startsAt"]!)!;
        var meetingStart = ChinaInstant.Of((DateTimeOffset)meeting["startsAt"]!);

        var admin = await factory.AdminAsync();
        foreach (var day in new[] { secondDay, meetingStart.LocalDate })
        {
            var set = await admin.PutAsJsonAsync($"/api/admin/holidays/{day:yyyy-MM-dd}", new { kind = "holiday", name = "抗台风停工" });
            Assert.True(set.IsSuccessStatusCode, await set.Content.ReadAsStringAsync());
        }

        var moved = (await TurnsAsync(officer, body))[1];
        var movedDay = DateOnly.Parse((string)moved["firstDay"]!, CultureInfo.InvariantCulture);
        Assert.True(movedDay > secondDay);
        Assert.Equal(movedDay.AddDays(-1), DateOnly.Parse((string)(await TurnsAsync(officer, body))[0]["lastDay"]!, CultureInfo.InvariantCulture));
        Assert.StartsWith("因抗台风停工顺延至", (string?)moved["moved"]!["zh"]);
        Assert.Contains("因抗台风停工顺延至", await ReminderTextAsync(factory, $"duty-group:{body:N}:1:first-day"), StringComparison.Ordinal);

        var meetings = (JsonArray)(await (await officer.GetAsync($"/api/meeting-groups/{group["id"]}")).ReadObjectAsync())["meetings"]!;
        var again = meetings.Single(m => (int)m!["year"]! == (int)meeting["year"]! && (int)m["quarter"]! == (int)meeting["quarter"]!)!;
        var newStart = ChinaInstant.Of((DateTimeOffset)again["startsAt"]!);
        Assert.True(newStart.LocalDate > meetingStart.LocalDate);
        Assert.Equal(meetingStart.LocalTime, newStart.LocalTime);
    }

    [Fact]
    public async Task AnAdminsHolidayOnAnOpenTasksDueDay_MovesItsDueDate_AndRemovingItBringsTheDateBack()
    {
        await using var factory = new ServiceFactory();
        var s = await Scenario.CreateAsync(factory);
        var (_, task) = await s.StartApprovalAsync();
        var due = await TaskDueAsync(s, task);
        var admin = await factory.AdminAsync();

        var set = await admin.PutAsJsonAsync($"/api/admin/holidays/{due.LocalDate:yyyy-MM-dd}", new { kind = "holiday", name = "抗台风停工" });
        Assert.True(set.IsSuccessStatusCode, await set.Content.ReadAsStringAsync());
        Assert.Equal(1, (int)(await set.ReadObjectAsync())["tasksMoved"]!);
        var moved = await TaskDueAsync(s, task);
        Assert.Equal((WorkingCalendar.Shipped.NextWorkingDay(due.LocalDate.AddDays(1)), due.LocalTime), (moved.LocalDate, moved.LocalTime));

        var removed = await admin.DeleteAsync($"/api/admin/holidays/{due.LocalDate:yyyy-MM-dd}");
        Assert.Equal(HttpStatusCode.NoContent, removed.StatusCode);
        Assert.Equal(due, await TaskDueAsync(s, task));
    }

    [Fact]
    public async Task AFoundingStepMovedByAHoliday_ShowsInTheRequestsHistory_WithTheDayItMovedTo()
    {
        await using var factory = new ServiceFactory();
        var team = await FoundingTeam.CreateAsync(factory);
        var organization = await team.AddOrganizationAsync("霞美镇石材厂", staff: 320, women: 110);
        var opened = await team.OpenAsync(new { organizationIds = new[] { organization }, name = "霞美镇石材厂妇联", kind = "enterprise", mode = "standalone" });
        var page = await (await team.Party.GetAsync("/api/tasks?show=all&activityId=partyOpinion&pageSize=200")).ReadObjectAsync();
        var task = ((JsonArray)page["items"]!).Single(t => (string?)t!["instanceId"] == (string?)opened["instanceId"])!;
        var due = ChinaInstant.Of((DateTimeOffset)task["dueAt"]!);

        var set = await (await factory.AdminAsync()).PutAsJsonAsync($"/api/admin/holidays/{due.LocalDate:yyyy-MM-dd}", new { kind = "holiday", name = "抗台风停工" });
        Assert.True(set.IsSuccessStatusCode, await set.Content.ReadAsStringAsync());

        var history = (JsonArray)JsonNode.Parse(await team.Officer.GetStringAsync($"/api/foundings/{opened["id"]}/history"))!;
        var moved = history.Single(e => (string?)e!["outcome"] == "dueMoved")!;
        var to = WorkingCalendar.Shipped.NextWorkingDay(due.LocalDate.AddDays(1));
        Assert.Equal((string?)task["title"], (string?)moved["step"]);
        // The note names why the step's own rule day is off (the admin's holiday, or a weekend before it) and the day it is due now.
        Assert.Matches($"^因.+顺延至{to.Month}月{to.Day}日$", (string?)moved["note"]);
    }

    private static async Task<ChinaInstant> TaskDueAsync(Scenario s, Guid task) =>
        ChinaInstant.Of((DateTimeOffset)(await (await s.Approver.GetAsync($"/api/tasks/{task}")).ReadObjectAsync())["task"]!["dueAt"]!);

    private static async Task<List<JsonNode>> TurnsAsync(HttpClient officer, Guid body) =>
        [.. ((JsonArray)(await (await officer.GetAsync($"/api/bodies/{body}/duty-groups")).ReadObjectAsync())["turns"]!).Select(t => t!)];

    private static async Task<string> ReminderTextAsync(ServiceFactory factory, string key)
    {
        await using var db = await factory.Services.GetRequiredService<IDbContextFactory<ServiceDbContext>>().CreateDbContextAsync();
        var row = await db.Reminders.AsNoTracking().SingleAsync(r => r.Key == key && r.Status == ReminderStatus.Scheduled);
        return row.BodyZh;
    }
}
