using System.Globalization;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Workflow.Federation.Common;
using Workflow.Federation.Holidays;
using Workflow.Server.Tests.Support;

namespace Workflow.Server.Tests.Holidays;

/// <summary>An admin's holiday governs every node's due dates within a minute, not only the node she set it on (issue 14).</summary>
public sealed class HolidayRefreshTests
{
    [Fact]
    public async Task AHolidaySetOnNodeA_MovesTheDueDatesNodeBGives_WithinTheRefreshMinute()
    {
        await using var nodes = await TwoNodes.StartAsync();
        var onB = await Scenario.CreateAsync(nodes.B);
        var before = await DueDateAsync(onB);
        Assert.True(WorkingCalendar.Shipped.IsWorkingDay(before), $"{before} should be a working day of the shipped notice");

        var set = await (await nodes.A.AdminAsync()).PutAsJsonAsync($"/api/admin/holidays/{before.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}",
            new { kind = "Holiday", name = "防汛停工" });
        Assert.True(set.IsSuccessStatusCode, await set.Content.ReadAsStringAsync());
        // Node B still plans on the calendar it read: the refresh, not a read of its own, is what brings the holiday over.
        Assert.Equal(before, await DueDateAsync(onB));

        nodes.Advance(TimeSpan.FromSeconds(60));
        var calendarOfB = nodes.B.Services.GetRequiredService<HolidayCalendar>();
        for (var waited = 0; calendarOfB.Last.IsWorkingDay(before); waited += 20)
        {
            Assert.True(waited < 10_000, "node B did not read the override within 10 s of its refresh minute");
            await Task.Delay(20);
        }

        Assert.Equal(WorkingCalendar.Shipped.NextWorkingDay(before.AddDays(1)), await DueDateAsync(onB));
    }

    /// <summary>The China date a new approval's first task falls due on, as the node of <paramref name="scenario"/> computes it.</summary>
    private static async Task<DateOnly> DueDateAsync(Scenario scenario)
    {
        var (_, task) = await scenario.StartApprovalAsync();
        var detail = await (await scenario.Approver.GetAsync($"/api/tasks/{task}")).ReadObjectAsync();
        return ChinaInstant.Of((DateTimeOffset)detail["task"]!["dueAt"]!).LocalDate;
    }
}
