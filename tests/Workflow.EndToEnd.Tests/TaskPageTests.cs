using Microsoft.Playwright;
using Workflow.EndToEnd.Tests.Support;

namespace Workflow.EndToEnd.Tests;

[Collection(InOneBrowser.Name)]
public sealed class TaskPageTests(BrowserHost host)
{
    private const string FormDefinition = """
        {
          "id": "pages-form", "name": "组建材料审核（测试）",
          "activities": [
            { "id": "start", "type": "start", "next": "review" },
            { "id": "review", "type": "userTask", "title": "审核组建材料",
              "assignee": { "role": "approver", "approverKind": "superiorFederation", "region": "input.regionCode" },
              "outcomes": ["approve", "return"],
              "form": [
                { "name": "opinion", "type": "text", "required": true, "label": "审核意见", "help": "退回时请写明需要修改之处" },
                { "name": "women", "type": "integer", "required": true, "label": "女职工人数" },
                { "name": "congressDate", "type": "date", "label": "妇女大会日期" },
                { "name": "hasParty", "type": "boolean", "label": "已建立党组织" }
              ],
              "due": "P15D", "next": { "approve": "approved", "return": "revise" } },
            { "id": "revise", "type": "userTask", "title": "按意见修改材料",
              "assignee": { "role": "officer", "region": "input.regionCode" },
              "outcomes": ["resubmit"], "next": { "resubmit": "review" } },
            { "id": "approved", "type": "end", "outcome": "approved" }
          ]
        }
        """;

    [Fact]
    public async Task GeneratedForm_ShowsErrorsByTheFields_AndAReturnShowsItsReasonOnTheNextTask()
    {
        await People.PublishAsync(host.Service, FormDefinition);
        var people = await new People(host.Service).CreateAsync();
        var task = await people.StartAsync("东村辛公司妇联", definitionId: "pages-form");
        var page = await host.SignedInAsync(people.Approver);
        await page.GotoAsync($"/tasks/{task}");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "东村辛公司妇联" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByText("退回时请写明需要修改之处")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByLabel("妇女大会日期")).ToHaveAttributeAsync("type", "date");
        await Assertions.Expect(page.GetByLabel("已建立党组织")).ToHaveAttributeAsync("type", "checkbox");
        await BrowserHost.CheckAsync(page, "09-task-form");

        await page.GetByRole(AriaRole.Button, new() { Name = "退回修改" }).ClickAsync();
        await Assertions.Expect(page.Locator("#form-opinion-error")).ToHaveTextAsync("此项必填。");
        await Assertions.Expect(page.Locator("#form-women-error")).ToHaveTextAsync("此项必填。");
        await BrowserHost.CheckAsync(page, "10-task-form-errors");

        await page.GetByLabel("审核意见").FillAsync("请补充两家单位的女职工名册");
        await page.GetByLabel("女职工人数").FillAsync("56");
        await page.GetByLabel("妇女大会日期").FillAsync("2026-12-15");
        await page.GetByLabel("已建立党组织").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "退回修改" }).ClickAsync();

        await page.WaitForURLAsync("**/tasks");
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("已办理“审核组建材料”：退回修改。");
        await page.GotoAsync("/tasks?tab=done");
        await Assertions.Expect(page.Locator("tbody tr").First).ToContainTextAsync("东村辛公司妇联");

        var officer = await host.SignedInAsync(people.Officer);
        await officer.GotoAsync("/tasks?tab=available");
        await officer.GetByRole(AriaRole.Link, new() { Name = "东村辛公司妇联" }).ClickAsync();
        var returned = officer.Locator("#returned");
        await Assertions.Expect(returned).ToContainTextAsync(people.Approver);
        await Assertions.Expect(returned).ToContainTextAsync("请补充两家单位的女职工名册");
        await Assertions.Expect(officer.Locator("ol.history")).ToContainTextAsync("女职工人数：56");
        await BrowserHost.CheckAsync(officer, "11-task-returned");
    }

    [Fact]
    public async Task SomeoneElseDecidedFirst_SaysWhoAndWhen()
    {
        var people = await new People(host.Service).CreateAsync();
        var task = await people.StartAsync("东村壬公司妇联");
        var first = await host.SignedInAsync(people.Approver);
        var second = await host.SignedInAsync(people.Colleague);
        await first.GotoAsync($"/tasks/{task}");
        await second.GotoAsync($"/tasks/{task}");

        await first.GetByRole(AriaRole.Button, new() { Name = "批准" }).ClickAsync();
        // The page after the redirect, not its load event: under a loaded CI machine "load" has waited past 30 s after the page was idle.
        await first.WaitForURLAsync("**/tasks", new() { WaitUntil = WaitUntilState.DOMContentLoaded });
        await second.GetByRole(AriaRole.Button, new() { Name = "批准" }).ClickAsync();

        var sentence = second.Locator("#decided-elsewhere");
        await Assertions.Expect(sentence).ToContainTextAsync($"此事项已由 {people.Approver} 于");
        await Assertions.Expect(sentence).ToContainTextAsync("办理，无需再办。");
        await BrowserHost.CheckAsync(second, "12-task-decided-elsewhere");
    }
}
