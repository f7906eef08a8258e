using Microsoft.Playwright;
using Workflow.EndToEnd.Tests.Support;

namespace Workflow.EndToEnd.Tests;

[Collection(InOneBrowser.Name)]
public sealed class InboxPageTests(BrowserHost host)
{
    private const string ShortDue = """
        {
          "id": "pages-short-due", "name": "短期限审批（测试）",
          "activities": [
            { "id": "start", "type": "start", "next": "review" },
            { "id": "review", "type": "userTask", "title": "审批短期限申请",
              "assignee": { "role": "approver", "approverKind": "superiorFederation", "region": "input.regionCode" },
              "outcomes": ["approve"], "due": "PT1H", "next": { "approve": "done" } },
            { "id": "done", "type": "end", "outcome": "approved" }
          ]
        }
        """;

    [Fact]
    public async Task Tabs_CountFilterAndClaimSeveralAtOnce()
    {
        var people = await new People(host.Service).CreateAsync();
        await people.StartAsync("东村甲公司妇联");
        await people.StartAsync("东村乙公司妇联");
        await people.StartAsync("西村丙商会妇联", people.OtherVillage);
        var page = await host.SignedInAsync(people.Approver);

        await page.GotoAsync("/tasks?tab=available");
        await Assertions.Expect(page.Locator(".tabs a[aria-current=page] .count")).ToHaveTextAsync("3");
        await Assertions.Expect(page.Locator("tbody tr").First).ToContainTextAsync("审批组建申请");
        await BrowserHost.CheckAsync(page, "04-tasks-available");

        await page.GetByLabel("区域").SelectOptionAsync(new SelectOptionValue { Label = "东村" });
        await page.GetByRole(AriaRole.Button, new() { Name = "筛选", Exact = true }).ClickAsync();
        await Assertions.Expect(page.Locator("tbody tr")).ToHaveCountAsync(2);
        await Assertions.Expect(page.Locator("tbody")).Not.ToContainTextAsync("西村丙商会妇联");

        await page.GetByLabel("选择：东村甲公司妇联").CheckAsync();
        await page.GetByLabel("选择：东村乙公司妇联").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "认领所选" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("已认领 2 项。");
        await Assertions.Expect(page.Locator(".tabs a", new() { HasText = "我的" }).Locator(".count")).ToHaveTextAsync("2");
        await Assertions.Expect(page.Locator(".tabs a", new() { HasText = "待认领" }).Locator(".count")).ToHaveTextAsync("0");
        await page.GotoAsync("/tasks?tab=mine");
        await Assertions.Expect(page.Locator("tbody tr")).ToHaveCountAsync(2);
        await BrowserHost.CheckAsync(page, "05-tasks-mine");
    }

    [Fact]
    public async Task ReleaseAndHandOver_FromTheList()
    {
        var people = await new People(host.Service).CreateAsync();
        await people.StartAsync("东村丁公司妇联");
        var page = await host.SignedInAsync(people.Approver);
        await page.GotoAsync("/tasks?tab=available");
        await page.GetByRole(AriaRole.Button, new() { Name = "认领：东村丁公司妇联" }).ClickAsync();
        await page.GotoAsync("/tasks?tab=mine");

        await page.GetByLabel("转交给").SelectOptionAsync(new SelectOptionValue { Label = $"{people.Colleague}（{people.Colleague}）" });
        await page.GetByRole(AriaRole.Button, new() { Name = "转交：东村丁公司妇联" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync($"已转交给 {people.Colleague}。");

        var colleague = await host.SignedInAsync(people.Colleague);
        await colleague.GotoAsync("/tasks?tab=handed");
        await Assertions.Expect(colleague.Locator("tbody tr")).ToContainTextAsync($"（{people.Approver} 转交）");
        await BrowserHost.CheckAsync(colleague, "06-tasks-handed");
        await colleague.GetByRole(AriaRole.Button, new() { Name = "退回待认领：东村丁公司妇联" }).ClickAsync();
        await Assertions.Expect(colleague.GetByRole(AriaRole.Status)).ToHaveTextAsync("已退回待认领。");
        await Assertions.Expect(colleague.Locator(".tabs a", new() { HasText = "转交给我" }).Locator(".count")).ToHaveTextAsync("0");
    }

    [Fact]
    public async Task OverdueTasks_AreMarkedInWordsAndFilterable()
    {
        await People.PublishAsync(host.Service, ShortDue);
        var people = await new People(host.Service).CreateAsync();
        await people.StartAsync("东村戊公司妇联", definitionId: "pages-short-due");
        await people.StartAsync("东村己公司妇联");
        host.Service.Clock.Advance(TimeSpan.FromHours(2));

        var page = await host.SignedInAsync(people.Approver);
        await page.GotoAsync("/tasks?tab=available&due=overdue");

        var row = page.Locator("tbody tr");
        await Assertions.Expect(row).ToHaveCountAsync(1);
        await Assertions.Expect(row).ToHaveClassAsync("overdue");
        await Assertions.Expect(row).ToContainTextAsync("东村戊公司妇联");
        await Assertions.Expect(row).ToContainTextAsync("已逾期");
        await BrowserHost.CheckAsync(page, "07-tasks-overdue");
    }

    [Fact]
    public async Task TaskList_ReadsOnAPhone()
    {
        var people = await new People(host.Service).CreateAsync();
        await people.StartAsync("东村𠀋庚公司妇联");
        var page = await host.SignedInAsync(people.Approver, phone: true);
        await page.GotoAsync("/tasks?tab=available");

        await Assertions.Expect(page.Locator("tbody tr")).ToContainTextAsync("东村𠀋庚公司妇联");
        var width = await page.EvaluateAsync<int>("document.documentElement.scrollWidth");
        Assert.True(width <= 360, $"the page is {width} px wide on a 360 px screen");
        await BrowserHost.CheckAsync(page, "08-tasks-phone");
    }
}
