using System.Net;
using Workflow.Server.Accounts;
using Workflow.Server.Tests.Support;

namespace Workflow.Server.Tests.Pages.Admin;

/// <summary>Every admin page is the admin's alone, and its forms need their antiforgery token.</summary>
public sealed class AdminRefusalTests(ServiceFactory factory) : IClassFixture<ServiceFactory>
{
    public static TheoryData<string> AdminPages =>
    [
        "/admin", "/admin/users", "/admin/users?confirm=reset&id=" + Guid.Empty, "/admin/regions", "/admin/holidays", "/admin/deliveries", "/admin/definitions",
        "/admin/definitions/approval/1", "/admin/instances", "/admin/instances/" + Guid.Empty, "/admin/instances/" + Guid.Empty + "?handler=verify",
    ];

    [Theory]
    [MemberData(nameof(AdminPages))]
    public async Task AnOfficer_GetsTheForbiddenPage_OnEveryAdminPage(string path)
    {
        var officer = await OfficerAsync();

        var response = await officer.GetAsync(path);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("无权访问", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/admin/users?handler=create")]
    [InlineData("/admin/users?handler=reset")]
    [InlineData("/admin/users?handler=active")]
    [InlineData("/admin/users?handler=import")]
    [InlineData("/admin/regions?handler=add")]
    [InlineData("/admin/holidays?handler=set")]
    [InlineData("/admin/holidays?handler=remove")]
    [InlineData("/admin/definitions")]
    [InlineData("/admin/instances/00000000-0000-0000-0000-000000000000?handler=cancel")]
    public async Task AnOfficersPost_ToAnAdminForm_IsForbidden(string path)
    {
        var officer = await OfficerAsync();
        var token = PageSessions.Token(await officer.GetStringAsync("/tasks"));

        var response = await officer.PostAsync(path, new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task AnAdminsPost_WithoutTheAntiforgeryToken_IsRefused_AndCreatesNobody()
    {
        await factory.SeedRegionsAsync();
        var admin = await factory.SignInPageAsync("admin", ServiceFactory.AdminPassword);
        var name = "forged-" + Guid.NewGuid().ToString("N")[..6];

        var response = await admin.PostAsync("/admin/users?handler=create", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Form.UserName"] = name, ["Form.DisplayName"] = "王芳", ["Form.Roles"] = Roles.Admin, ["Form.RegionCode"] = TestRegions.District,
        }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("请求无效", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains("没有符合条件的用户。", await admin.GetStringAsync("/admin/users?q=" + name), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheNavigation_ShowsAdministration_ToAdminsOnly()
    {
        var officer = await OfficerAsync();
        var admin = await factory.SignInPageAsync("admin", ServiceFactory.AdminPassword);

        Assert.DoesNotContain("href=\"/admin\"", await officer.GetStringAsync("/tasks"), StringComparison.Ordinal);
        var hub = await admin.GetStringAsync("/admin");
        Assert.Contains("href=\"/admin\"", hub, StringComparison.Ordinal);
        foreach (var link in new[] { "/admin/users", "/admin/regions", "/admin/definitions", "/admin/instances", "/admin/deliveries", "/jobs", "/api-docs" })
            Assert.Contains($"href=\"{link}\"", hub, StringComparison.Ordinal);
    }

    private async Task<HttpClient> OfficerAsync()
    {
        var name = "adm-officer-" + Guid.NewGuid().ToString("N")[..6];
        await factory.CreateUserAsync(name, Roles.Officer, TestRegions.District);
        return await factory.SignInPageAsync(name);
    }
}
