using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.RegularExpressions;
using Workflow.Server.Accounts;
using Workflow.Server.Tests.Support;

namespace Workflow.Server.Tests.Pages.Admin;

/// <summary>用户: created with a one-time password, found, reset, deactivated and reactivated after a confirmation, imported from a CSV.</summary>
public sealed partial class UsersPageTests(ServiceFactory factory) : IClassFixture<ServiceFactory>
{
    private static string Tag() => Guid.NewGuid().ToString("N")[..6];

    private async Task<HttpClient> AdminAsync()
    {
        await factory.SeedRegionsAsync();
        return await factory.SignInPageAsync("admin", ServiceFactory.AdminPassword);
    }

    private static string OneTimePassword(string html) => OneTimePattern().Match(WebUtility.HtmlDecode(html)) is { Success: true } m ? m.Groups[1].Value
        : throw new Xunit.Sdk.XunitException("no one-time password on the page");

    [Fact]
    public async Task ACreatedUser_GetsAOneTimePassword_ThatLeadsToThePasswordPage()
    {
        var admin = await AdminAsync();
        var name = "new-" + Tag();

        var created = await admin.PostFormAsync("/admin/users?handler=create", new()
        {
            ["Form.UserName"] = name, ["Form.DisplayName"] = "陈丽", ["Form.Roles"] = Roles.Approver, ["Form.ApproverKind"] = ApproverKinds.PartyOrganization,
            ["Form.RegionCode"] = TestRegions.Town,
        }, formPage: "/admin/users");

        Assert.Equal(HttpStatusCode.OK, created.StatusCode);
        var page = await created.Content.ReadAsStringAsync();
        var password = OneTimePassword(page);
        var person = factory.Browser();
        var signIn = await person.PostFormAsync("/", new() { ["UserName"] = name, ["Password"] = password });
        Assert.Equal("/account/password", signIn.Headers.Location?.OriginalString);
        var listed = await admin.GetStringAsync("/admin/users?q=" + name);
        Assert.Contains("审批人（党组织）", listed, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AUserRefused_ShowsEachReasonBesideItsField_AndCreatesNobody()
    {
        var admin = await AdminAsync();
        var name = "bad-" + Tag();

        var refused = await admin.PostFormAsync("/admin/users?handler=create", new()
        {
            ["Form.UserName"] = name, ["Form.DisplayName"] = "陈丽", ["Form.Roles"] = Roles.Approver, ["Form.RegionCode"] = "999999",
        }, formPage: "/admin/users");

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var page = await refused.Content.ReadAsStringAsync();
        Assert.Matches("id=\"user-regionCode-error\">没有区域 999999", page);
        Assert.Contains("id=\"user-approverKind-error\"", page, StringComparison.Ordinal);
        Assert.Contains("没有符合条件的用户。", await admin.GetStringAsync("/admin/users?q=" + name), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AReset_IsConfirmedFirst_ThenEndsTheOldPassword_AndTheNewOneMustBeChanged()
    {
        var admin = await AdminAsync();
        var name = "reset-" + Tag();
        var id = await factory.CreateUserAsync(name, Roles.Officer, TestRegions.Town);

        var confirm = await admin.GetStringAsync($"/admin/users?q={name}&confirm=reset&id={id}");
        Assert.Contains($"确定为 {name} 重置密码吗？", confirm, StringComparison.Ordinal);
        var reset = await admin.PostFormAsync("/admin/users?handler=reset", new() { ["id"] = id.ToString() }, formPage: "/admin/users");

        var password = OneTimePassword(await reset.Content.ReadAsStringAsync());
        var old = await factory.Browser().PostFormAsync("/", new() { ["UserName"] = name, ["Password"] = ServiceFactory.Password });
        Assert.Equal(HttpStatusCode.OK, old.StatusCode);
        var fresh = await factory.Browser().PostFormAsync("/", new() { ["UserName"] = name, ["Password"] = password });
        Assert.Equal("/account/password", fresh.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task ADeactivatedUser_CannotSignIn_UntilReactivated()
    {
        var admin = await AdminAsync();
        var name = "off-" + Tag();
        var id = await factory.CreateUserAsync(name, Roles.Officer, TestRegions.Town);
        var session = await factory.SignInPageAsync(name);

        Assert.Contains($"确定停用 {name} 吗？", await admin.GetStringAsync($"/admin/users?confirm=deactivate&id={id}"), StringComparison.Ordinal);
        var off = await admin.PostFormAsync("/admin/users?handler=active", new() { ["id"] = id.ToString(), ["active"] = "false" }, formPage: "/admin/users");
        Assert.Contains($"已停用 {name}。", await off.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await session.GetAsync("/tasks")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await factory.Browser().PostFormAsync("/", new() { ["UserName"] = name, ["Password"] = ServiceFactory.Password })).StatusCode);

        await admin.PostFormAsync("/admin/users?handler=active", new() { ["id"] = id.ToString(), ["active"] = "true" }, formPage: "/admin/users");
        Assert.Equal(HttpStatusCode.Redirect, (await factory.Browser().PostFormAsync("/", new() { ["UserName"] = name, ["Password"] = ServiceFactory.Password })).StatusCode);
    }

    [Fact]
    public async Task TheList_PagesThroughEveryMatchingUser()
    {
        var admin = await AdminAsync();
        var tag = Tag();
        for (var i = 0; i < UsersModelPageSize + 2; i++) await factory.CreateUserAsync($"pg{tag}-{i:00}", Roles.Chair, TestRegions.Village);

        var first = await admin.GetStringAsync($"/admin/users?q=pg{tag}&role={Roles.Chair}&active=true");
        var second = await admin.GetStringAsync(WebUtility.HtmlDecode(NextLink().Match(first).Groups[1].Value));

        Assert.Contains($"共 {UsersModelPageSize + 2} 个用户", first, StringComparison.Ordinal);
        Assert.Contains($"pg{tag}-00", first, StringComparison.Ordinal);
        Assert.DoesNotContain($"pg{tag}-{UsersModelPageSize:00}", first, StringComparison.Ordinal);
        Assert.Contains($"pg{tag}-{UsersModelPageSize + 1:00}", second, StringComparison.Ordinal);
        Assert.DoesNotContain($"pg{tag}-00<", second, StringComparison.Ordinal);
        Assert.DoesNotMatch(NextLink(), second);
    }

    private const int UsersModelPageSize = Server.Pages.Admin.UsersModel.PageSize;

    [Fact]
    public async Task AGb18030File_WithABadRow_IsListedByTheDryRun_ThenTheFixedFileImports()
    {
        var admin = await AdminAsync();
        var tag = Tag();
        var gb18030 = CodePagesEncoding();
        var heading = "用户名,姓名,角色,审批人类别,区域代码,邮箱\n";
        var bad = gb18030.GetBytes(heading + $"imp{tag}-a,林秀英,妇联干部,,{TestRegions.Town},\nimp{tag}-b,郑美玲,审批人,,{TestRegions.Town},\n");

        var check = await admin.PostFileAsync("/admin/users?handler=check", "/admin/users", "users.csv", bad);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, check.StatusCode);
        var report = await check.Content.ReadAsStringAsync();
        Assert.Matches("<td data-label=\"行\">3</td><td data-label=\"文件中的列\">审批人类别</td>", report);
        Assert.DoesNotContain("id=\"confirm-import\"", report, StringComparison.Ordinal);
        Assert.Contains("没有符合条件的用户。", await admin.GetStringAsync($"/admin/users?q=imp{tag}"), StringComparison.Ordinal);

        var good = gb18030.GetBytes(heading + $"imp{tag}-a,林秀英,妇联干部,,{TestRegions.Town},\nimp{tag}-b,郑美玲,审批人,上级妇联,{TestRegions.Town},\n");
        var clean = await (await admin.PostFileAsync("/admin/users?handler=check", "/admin/users", "users.csv", good)).Content.ReadAsStringAsync();
        Assert.Contains("已检查 2 行，没有错误。", clean, StringComparison.Ordinal);
        var token = ImportToken().Match(clean).Groups[1].Value;
        var imported = await (await admin.PostFormAsync("/admin/users?handler=import", new() { ["token"] = token }, formPage: "/admin/users")).Content.ReadAsStringAsync();

        Assert.Contains("已导入 2 个用户。", imported, StringComparison.Ordinal);
        Assert.Contains("审批人（上级妇联）", await admin.GetStringAsync($"/admin/users?q=imp{tag}-b"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheImportApi_DryRun_AnswersEveryBadRow_AndTheImportCreatesAll()
    {
        await factory.SeedRegionsAsync();
        var admin = await factory.AdminAsync();
        var tag = Tag();
        var csv = $"userName,displayName,roles,approverKind,regionCode\napi{tag},何静,officer,,{TestRegions.Town}\napi{tag},何静,officer,,{TestRegions.Town}\n";

        var dryRun = await admin.PostAsync("/api/admin/users/import?dryRun=true", new StringContent(csv, Encoding.UTF8, "text/csv"));
        var problem = await dryRun.AssertProblemAsync(422, "import-invalid-rows");
        Assert.Equal(3, (int)problem["problems"]![0]!["row"]!);

        var fixedCsv = $"userName,displayName,roles,approverKind,regionCode\napi{tag},何静,officer,,{TestRegions.Town}\napi{tag}-2,何静,chair,,{TestRegions.Village}\n";
        var ok = await admin.PostAsync("/api/admin/users/import", new StringContent(fixedCsv, Encoding.UTF8, "text/csv"));
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        var created = (await ok.ReadObjectAsync())["created"]!.AsArray();
        Assert.Equal(2, created.Count);
        Assert.All(created, c => Assert.False(string.IsNullOrEmpty((string?)c!["oneTimePassword"])));
    }

    private static Encoding CodePagesEncoding()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return Encoding.GetEncoding(54936);
    }

    [GeneratedRegex("(?:一次性密码：|one-time password: )(\\S+?)(?:</p>|\\s)")]
    private static partial Regex OneTimePattern();

    [GeneratedRegex("href=\"([^\"]+)\" rel=\"next\"")]
    private static partial Regex NextLink();

    [GeneratedRegex("name=\"token\" value=\"([0-9a-f-]+)\"")]
    private static partial Regex ImportToken();
}
