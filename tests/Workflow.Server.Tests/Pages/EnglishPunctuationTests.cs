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
}
