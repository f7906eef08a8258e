using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Workflow.Federation.Common;
using Workflow.Server.Accounts;
using Workflow.Server.Reminders;
using Workflow.Server.Tests.Support;

namespace Workflow.Server.Tests.Pages;

/// <summary>The body page lists each rotation period's planned reminders, when each goes out and what became of it (issue 14).</summary>
public sealed class BodyPageRemindersTests
{
    [Fact]
    public async Task EachPeriodShowsItsRemindersDueTimeInChinaTime_AndTheirStage_SentOnceTheSweepHasSentThem()
    {
        await using var factory = new ServiceFactory();
        var body = await factory.RegisteredBodyAsync("官桥镇商会妇联");
        var chairs = new List<Guid>();
        for (var i = 0; i < 3; i++) chairs.Add(await factory.CreateChairAsync($"bpr-chair{i}"));
        await factory.CreateUserAsync("bpr-officer", Roles.Officer, TestRegions.Town);
        var api = await factory.SignInAsync("bpr-officer");
        var page = await factory.SignInPageAsync("bpr-officer");
        var today = factory.Today();
        var start = new DateOnly(today.Year, today.Month, 1).AddMonths(1);
        var planned = await api.PutAsJsonAsync($"/api/bodies/{body}/rotation", new { start = start.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), order = chairs });
        Assert.True(planned.IsSuccessStatusCode, await planned.Content.ReadAsStringAsync());
        var second = ((JsonArray)(await planned.ReadObjectAsync())["periods"]!)[1]!;
        var ahead = ((JsonArray)second["reminders"]!).Single(r => (string?)r!["moment"] == "ahead")!;
        var dueAt = ChinaInstant.Of((DateTimeOffset)ahead["dueAt"]!);
        var shown = $"提前提醒 {dueAt.LocalDate.Year}年{dueAt.LocalDate.Month}月{dueAt.LocalDate.Day}日";

        var before = await page.GetStringAsync($"/bodies/{body}");
        Assert.Contains($"{shown} {Weekday(dueAt.LocalDate)} {dueAt.LocalTime:HH\\:mm} 待发送", before, StringComparison.Ordinal);
        Assert.Contains("首日提醒", before, StringComparison.Ordinal);

        factory.Clock.SetUtcNow(((DateTimeOffset)ahead["dueAt"]!).AddMinutes(1));
        await factory.Services.GetRequiredService<ReminderSweep>().RunAsync(CancellationToken.None);
        // Weeks on, her first page session has long expired.
        var after = await (await factory.SignInPageAsync("bpr-officer")).GetStringAsync($"/bodies/{body}");
        Assert.Contains($"{shown} {Weekday(dueAt.LocalDate)} {dueAt.LocalTime:HH\\:mm} 已发出（站内", after, StringComparison.Ordinal);
    }

    private static string Weekday(DateOnly date) => "星期" + "日一二三四五六"[(int)date.DayOfWeek];
}
