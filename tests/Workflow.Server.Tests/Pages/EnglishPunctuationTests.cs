using Workflow.Server.Accounts;
using Workflow.Server.Tests.Support;

namespace Workflow.Server.Tests.Pages;

/// <summary>In English the pages' own punctuation is English too: "Role: approver", not "Role：approver".</summary>
public sealed class EnglishPunctuationTests(ServiceFactory factory) : IClassFixture<ServiceFactory>
{
    [Fact]
    public async Task TheInboxInEnglish_LabelsWithAsciiColons_AndTheSamePageInChineseKeepsFullWidthOnes()
    {
        await factory.CreateUserAsync("punctuation-approver", Roles.Approver, TestRegions.Town, ApproverKinds.PartyOrganization);
        var approver = await factory.SignInPageAsync("punctuation-approver");
        var chinese = await (await approver.GetAsync("/tasks")).Content.ReadAsStringAsync();
        await approver.PostFormAsync("/account/language", new() { ["culture"] = "en", ["returnUrl"] = "/tasks" }, formPage: "/tasks");

        var english = await (await approver.GetAsync("/tasks")).Content.ReadAsStringAsync();

        Assert.Contains("角色：", chinese, StringComparison.Ordinal);
        Assert.Contains("Role: ", english, StringComparison.Ordinal);
        Assert.DoesNotContain("：", english, StringComparison.Ordinal);
        Assert.DoesNotContain("（", english, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ABodyPage_TheMessagesPage_AndTheUsersPage_InEnglish_ShowNoFullWidthMarks()
    {
        var body = await factory.RegisteredBodyAsync("港口妇联");
        await factory.AddLeadersAsync(body);
        await factory.CreateUserAsync("punctuation-officer", Roles.Officer, TestRegions.Town);
        var officer = await EnglishAsync(await factory.SignInPageAsync("punctuation-officer"));
        var admin = await EnglishAsync(await factory.SignInPageAsync("admin", ServiceFactory.AdminPassword));

        foreach (var (client, path) in new[] { (officer, $"/bodies/{body}"), (officer, "/notifications"), (admin, "/admin/users") })
        {
            var response = await client.GetAsync(path);
            Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
            var html = await response.Content.ReadAsStringAsync();
            Assert.All(new[] { "：", "（", "）", "，", "。" }, mark => Assert.False(html.Contains(mark, StringComparison.Ordinal), $"{path} shows {mark}"));
        }
    }

    private static async Task<HttpClient> EnglishAsync(HttpClient session)
    {
        await session.PostFormAsync("/account/language", new() { ["culture"] = "en", ["returnUrl"] = "/tasks" }, formPage: "/tasks");
        return session;
    }
}
