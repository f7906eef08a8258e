using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Workflow.Federation.Common;
using Workflow.Federation.Holidays;
using Workflow.Server.Tests.Support;

namespace Workflow.Server.Tests.Holidays;

/// <summary>An admin's holiday governs every node's due dates within a minute, not only the node she set it on (issue 14).</summary>
public sealed class HolidayRefreshTests
{
    [Fact]
    public async Task AHolidaySetOnNodeA_MovesTheDueDatesNodeBGives_AndTheTaskBOpenedMeanwhile_WithinTheRefreshMinute()
    {
        await using var nodes = await TwoNodes.StartAsync();
        var onB = await Scenario.CreateAsync(nodes.B);
        var (_, before) = await OpenTaskAsync(onB);
        Assert.True(WorkingCalendar.Shipped.IsWorkingDay(before), $"{before} should be a working day of the shipped notice");

        var set = await (await nodes.A.AdminAsync()).PutAsJsonAsync($"/api/admin/holidays/{before.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}",
            new { kind = "Holiday", name = "防汛停工" });
        Assert.True(set.IsSuccessStatusCode, await set.Content.ReadAsStringAsync());
        // Node B still plans on the calendar it read: the refresh, not a read of its own, is what brings the holiday over.
        var (openedMeanwhile, staleDue) = await OpenTaskAsync(onB);
        Assert.Equal(before, staleDue);

        nodes.Advance(TimeSpan.FromSeconds(60));
        var calendarOfB = nodes.B.Services.GetRequiredService<HolidayCalendar>();
        for (var waited = 0; calendarOfB.Last.IsWorkingDay(before); waited += 20)
        {
            Assert.True(waited < 10_000, "node B did not read the override within 10 s of its refresh minute");
            await Task.Delay(20);
        }

        var nextWorkingDay = WorkingCalendar.Shipped.NextWorkingDay(before.AddDays(1));
        Assert.Equal(nextWorkingDay, (await OpenTaskAsync(onB)).Due);

        // The task B opened on the old calendar follows the change once B has read it.
        for (var waited = 0; await DueDateAsync(onB, openedMeanwhile) != nextWorkingDay; waited += 20)
        {
            Assert.True(waited < 10_000, "the task node B opened before its refresh kept the holiday as its due date");
            await Task.Delay(20);
        }
        var journal = (JsonArray)JsonNode.Parse(await onB.Officer.GetStringAsync($"/api/instances/{await InstanceOfAsync(onB, openedMeanwhile)}/journal"))!;
        var move = Assert.Single(journal, e => (string?)e!["kind"] == "dueMoved")!;
        Assert.Equal(HolidayChanges.CalendarActor, (string?)move["actor"]);
    }

    /// <summary>A new approval's first task and the China date it falls due on, as the node of <paramref name="scenario"/> computes it.</summary>
    private static async Task<(Guid Task, DateOnly Due)> OpenTaskAsync(Scenario scenario)
    {
        var (_, task) = await scenario.StartApprovalAsync();
        return (task, await DueDateAsync(scenario, task));
    }

    private static async Task<DateOnly> DueDateAsync(Scenario scenario, Guid task)
    {
        var detail = await (await scenario.Approver.GetAsync($"/api/tasks/{task}")).ReadObjectAsync();
        return ChinaInstant.Of((DateTimeOffset)detail["task"]!["dueAt"]!).LocalDate;
    }

    private static async Task<string> InstanceOfAsync(Scenario scenario, Guid task) =>
        (string)(await (await scenario.Approver.GetAsync($"/api/tasks/{task}")).ReadObjectAsync())["task"]!["instanceId"]!;
}
