using System.Net;
using Workflow.Server.Accounts;
using Workflow.Server.Tests.Support;

namespace Workflow.Server.Tests.Pages.Account;

/// <summary>The password page refuses a weak new password beside its field, in the policy's words, Chinese first, and keeps the old one.</summary>
public sealed class PasswordPageTests(ServiceFactory factory) : IClassFixture<ServiceFactory>
{
    [Theory]
    [InlineData("short1", "至少 10 个字符")]
    [InlineData("onlyletterslong", "请混用字母与数字或符号")]
    public async Task AWeakNewPassword_IsRefusedBesideItsField_InChinese_AndTheOldOneStillSignsIn(string weak, string reason)
    {
        var name = $"pw-{Guid.NewGuid():N}"[..12];
        await factory.CreateUserAsync(name, Roles.Chair, TestRegions.Town);
        var page = await factory.SignInPageAsync(name);

        var refused = await page.PostFormAsync("/account/password",
            new() { ["CurrentPassword"] = ServiceFactory.Password, ["NewPassword"] = weak, ["ConfirmPassword"] = weak }, formPage: "/account/password");

        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Matches($"id=\"NewPassword-error\"[^>]*>{reason}", await refused.Content.ReadAsStringAsync());
        Assert.NotNull(await factory.SignInPageAsync(name));
    }
}
