using Microsoft.Playwright;
using Workflow.EndToEnd.Tests.Support;
using Workflow.Server.Tests.Pages.Admin;
using Workflow.Server.Tests.Support;

namespace Workflow.EndToEnd.Tests;

/// <summary>The admin's pages in a browser: a definition refused at the place of its error, then published; an incident retried; an officer refused.</summary>
[Collection(InOneBrowser.Name)]
public sealed class AdminPageTests(BrowserHost host)
{
    private Task<IPage> AdminAsync() => host.SignedInAsync("admin", ServiceFactory.AdminPassword);

    [Fact]
    public async Task ADefinitionWithAnError_ShowsTheErrorAtItsPlace_ThenTheMendedOneIsPublished()
    {
        var id = "e2e-" + Guid.NewGuid().ToString("N")[..6];
        var broken = FlakyAction.FlakyFlow(id);
        broken["activities"]![1]!["next"]!["done"] = "nowhere";
        var page = await AdminAsync();
        await page.GotoAsync("/admin");
        await BrowserHost.CheckAsync(page, "40-admin");
        await page.GetByRole(AriaRole.Link, new() { Name = "流程定义" }).First.ClickAsync();

        await page.GetByLabel("JSON 内容").FillAsync(broken.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true }));
        await page.GetByRole(AriaRole.Button, new() { Name = "发布", Exact = true }).ClickAsync();

        var errors = page.Locator("#definition-errors");
        await Assertions.Expect(errors).ToContainTextAsync("activities[1].next.done");
        await Assertions.Expect(errors).ToContainTextAsync("nowhere");
        await Assertions.Expect(page.GetByLabel("JSON 内容")).ToHaveValueAsync(new System.Text.RegularExpressions.Regex("\"nowhere\""));
        await Assertions.Expect(page.Locator($"#version-{id}-1")).ToHaveCountAsync(0);
        await BrowserHost.CheckAsync(page, "41-admin-definition-error");

        await page.GetByLabel("JSON 内容").FillAsync(FlakyAction.FlakyFlow(id).ToJsonString());
        await page.GetByRole(AriaRole.Button, new() { Name = "发布", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync($"已发布 {id} 第 1 版。");
        await page.Locator($"#version-{id}-1").GetByRole(AriaRole.Link).ClickAsync();
        await Assertions.Expect(page.Locator("#diagram svg")).ToBeVisibleAsync();
        await BrowserHost.CheckAsync(page, "42-admin-definition-version");
    }

    [Fact]
    public async Task AnOfficer_GetsTheForbiddenPage_OnEveryAdminPage()
    {
        var people = await new People(host.Service).CreateAsync();
        var page = await host.SignedInAsync(people.Officer);

        foreach (var path in AdminRefusalTests.AdminPages.Cast<object[]>().Select(row => (string)row[0]))
        {
            var response = await page.GotoAsync(path);
            Assert.True(response?.Status == 403, $"{path} answered {response?.Status}");
        }
        await page.GotoAsync("/admin");
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("无权访问");
        await BrowserHost.CheckAsync(page, "46-admin-forbidden");
    }

    [Fact]
    public async Task AnIncident_IsRetriedAfterItsConfirmation()
    {
        var (instance, _) = await host.Flaky.FaultedInstanceAsync(host.Service, Guid.NewGuid().ToString("N")[..6]);
        var page = await AdminAsync();
        await page.GotoAsync("/admin/instances");
        var row = page.Locator("#incidents tbody tr", new() { HasText = instance.ToString() });
        await Assertions.Expect(row).ToContainTextAsync("registry unavailable");
        await BrowserHost.CheckAsync(page, "43-admin-incidents");

        await row.GetByRole(AriaRole.Link, new() { Name = "重试：register" }).ClickAsync();
        await Assertions.Expect(page.Locator("#confirm")).ToContainTextAsync($"确定重试实例 {instance}");
        await BrowserHost.CheckAsync(page, "44-admin-retry-confirm");
        await page.Locator("#confirm").GetByRole(AriaRole.Button, new() { Name = "重试" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Status).First).ToContainTextAsync("已重试");
        await Assertions.Expect(page.Locator("#status")).ToHaveTextAsync("已完成");
        await BrowserHost.CheckAsync(page, "45-admin-instance");
    }

    [Fact]
    public async Task TheApiPage_RendersScalarOffline_UnderItsPolicy_WithTheBearerSignIn()
    {
        var page = await host.NewPageAsync();
        var blocked = new List<string>();
        page.Console += (_, message) => { if (message.Text.Contains("Content Security Policy", StringComparison.Ordinal)) blocked.Add(message.Text); };
        page.RequestFailed += (_, request) => blocked.Add(request.Url);

        await page.GotoAsync("/api-docs");

        // Scalar's one script is 5 MB: parsed on a busy test machine, the reference may take a while to draw the document.
        var drawn = new LocatorAssertionsToBeAttachedOptions { Timeout = 60_000 };
        await Assertions.Expect(page.GetByText("Workflow — 三新领域妇联组建与运行").First).ToBeAttachedAsync(drawn);
        await Assertions.Expect(page.GetByText("Bearer Token").First).ToBeAttachedAsync(drawn);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserHost.Screenshots, "46-api-page.png") });
        Assert.Empty(blocked);
    }
}
