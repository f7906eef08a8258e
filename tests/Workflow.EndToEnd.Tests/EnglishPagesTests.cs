using Microsoft.Playwright;
using Workflow.EndToEnd.Tests.Support;

namespace Workflow.EndToEnd.Tests;

/// <summary>An approver who reads English switches once and works a task through in English, with English punctuation around the data.</summary>
[Collection(InOneBrowser.Name)]
public sealed class EnglishPagesTests(BrowserHost host)
{
    private const string Request = "东村庚公司妇联";
    private const string Opinion = "材料齐全，同意组建。";

    [Fact]
    public async Task FromTheSwitch_ThroughTheInboxAndTheTask_ToTheDecision_InEnglish()
    {
        var people = await new People(host.Service).CreateAsync();
        await people.StartAsync(Request);
        var page = await host.SignedInAsync(people.Approver);

        await page.Locator("header button[lang=en]").ClickAsync();
        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "en");
        await page.GotoAsync("/tasks?tab=available");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "My tasks" })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("header")).ToContainTextAsync("Role: Approver (superior federation)");
        await ExpectEnglishPunctuationAsync(page);

        await page.GetByRole(AriaRole.Button, new() { Name = $"Claim: {Request}" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("1 claimed.");
        await page.GotoAsync("/tasks?tab=mine");
        await page.GetByRole(AriaRole.Link, new() { Name = Request }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = Request })).ToBeVisibleAsync();
        await ExpectEnglishPunctuationAsync(page);
        await BrowserHost.CheckAsync(page, "46-task-in-english");

        await page.GetByLabel("审批意见").FillAsync(Opinion);
        await page.GetByRole(AriaRole.Button, new() { Name = "Approve", Exact = true }).ClickAsync();
        await page.WaitForURLAsync("**/tasks");
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Decided \u201c审批组建申请\u201d: ");
        await page.GotoAsync("/tasks?tab=done");
        await Assertions.Expect(page.Locator("tbody tr").First).ToContainTextAsync(Request);
        await ExpectEnglishPunctuationAsync(page);
    }

    /// <summary>The page's own words and punctuation are English; full-width marks may appear only inside the data people typed.</summary>
    private static async Task ExpectEnglishPunctuationAsync(IPage page)
    {
        var text = await page.Locator("body").InnerTextAsync();
        foreach (var data in new[] { Opinion, "上级妇联审批（示例）" }) text = text.Replace(data, "", StringComparison.Ordinal);
        foreach (var mark in new[] { "：", "（", "）", "，", "、", "；", "。" })
            Assert.False(text.Contains(mark, StringComparison.Ordinal), $"{page.Url} shows “{mark}” in English: {Around(text, mark)}");
    }

    private static string Around(string text, string mark)
    {
        var at = text.IndexOf(mark, StringComparison.Ordinal);
        return text[Math.Max(0, at - 40)..Math.Min(text.Length, at + 40)];
    }
}
