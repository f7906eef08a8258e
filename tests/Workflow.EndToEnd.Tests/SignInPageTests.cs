using System.Net.Http.Json;
using Microsoft.Playwright;
using Workflow.EndToEnd.Tests.Support;
using Workflow.Server.Accounts;
using Workflow.Server.Tests.Support;

namespace Workflow.EndToEnd.Tests;

[Collection(InOneBrowser.Name)]
public sealed class SignInPageTests(BrowserHost host)
{
    [Fact]
    public async Task WrongPassword_SaysSoAndStaysOnTheSignInPage()
    {
        var people = await new People(host.Service).CreateAsync();
        var page = await host.NewPageAsync();
        await page.GotoAsync("/");
        await page.GetByLabel("用户名").FillAsync(people.Officer);
        await page.GetByLabel("密码").FillAsync("not-the-password-1");
        await page.GetByRole(AriaRole.Button, new() { Name = "登录", Exact = true }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToHaveTextAsync("用户名或密码错误。");
        Assert.EndsWith("/", page.Url, StringComparison.Ordinal);
        await BrowserHost.CheckAsync(page, "01-sign-in-wrong-password");
    }

    [Fact]
    public async Task OneTimePassword_LeadsToThePasswordPageUntilChanged()
    {
        var people = await new People(host.Service).CreateAsync();
        var admin = await host.Service.AdminAsync();
        var created = await (await admin.PostAsJsonAsync("/api/admin/users",
            new { userName = $"new-{people.Tag}", displayName = "𠀋丽华", roles = new[] { Roles.Officer }, regionCode = people.Town }))
            .Content.ReadFromJsonAsync<UserWithPassword>(Json.Options);

        var page = await host.SignedInAsync($"new-{people.Tag}", created!.OneTimePassword!);
        Assert.EndsWith("/account/password", page.Url, StringComparison.Ordinal);
        await Assertions.Expect(page.GetByText("您使用的是一次性密码")).ToBeVisibleAsync();
        await BrowserHost.CheckAsync(page, "02-first-password");
        await page.GotoAsync("/tasks");
        Assert.EndsWith("/account/password", page.Url, StringComparison.Ordinal);

        await page.GetByLabel("当前密码").FillAsync(created.OneTimePassword!);
        await page.GetByLabel("新密码", new() { Exact = true }).FillAsync("My-own-pass-2026");
        await page.GetByLabel("再次输入新密码").FillAsync("My-own-pass-2026");
        await page.GetByRole(AriaRole.Button, new() { Name = "修改密码" }).ClickAsync();

        await page.WaitForURLAsync("**/tasks");
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("密码已修改。");
        await Assertions.Expect(page.Locator(".person-name")).ToHaveTextAsync("𠀋丽华");
    }

    [Fact]
    public async Task SignOut_EndsTheSessionAndTheHeaderShowsWhoWasSignedIn()
    {
        var people = await new People(host.Service).CreateAsync();
        var page = await host.SignedInAsync(people.Approver);
        await Assertions.Expect(page.Locator(".person")).ToContainTextAsync("审批人（上级妇联）");
        await Assertions.Expect(page.Locator(".person")).ToContainTextAsync(people.Town);

        await page.GetByRole(AriaRole.Button, new() { Name = "退出", Exact = true }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("您已退出。");
        await page.GotoAsync("/tasks");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "登录" })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task LanguageSwitch_ShowsThePagesInEnglish()
    {
        var people = await new People(host.Service).CreateAsync();
        var page = await host.SignedInAsync(people.Officer);

        await page.GetByRole(AriaRole.Button, new() { Name = "语言: English" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "My tasks", Level = 1 })).ToBeVisibleAsync();
        Assert.Equal("en", await page.Locator("html").GetAttributeAsync("lang"));
        await BrowserHost.CheckAsync(page, "03-tasks-english");
    }
}
