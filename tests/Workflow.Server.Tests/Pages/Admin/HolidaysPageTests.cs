using System.Net;
using Workflow.Server.Tests.Support;

namespace Workflow.Server.Tests.Pages.Admin;

/// <summary>节假日: the shipped 2026 notice with its source, a year without one warned about, an adjustment set and removed; officers are refused in AdminRefusalTests.</summary>
public sealed class HolidaysPageTests(ServiceFactory factory) : IClassFixture<ServiceFactory>
{
    [Fact]
    public async Task TheAdminSeesTheNoticeAndItsSource_AddsALocalHoliday_ThenRemovesIt()
    {
        var admin = await factory.SignInPageAsync("admin", ServiceFactory.AdminPassword);

        Assert.Contains("href=\"/admin/holidays\"", await admin.GetStringAsync("/admin"), StringComparison.Ordinal);
        var year = await admin.GetStringAsync("/admin/holidays?year=2026");
        Assert.Contains("国务院办公厅关于2026年部分节假日安排的通知", year, StringComparison.Ordinal);
        Assert.Matches("id=\"day-2026-10-01\">[\\s\\S]*?放假</strong> 国庆节", year);
        Assert.Matches("id=\"day-2026-09-20\">[\\s\\S]*?调休上班</strong> 国庆节", year);
        Assert.Contains("id=\"holiday-warning\"", await admin.GetStringAsync("/admin/holidays?year=2040"), StringComparison.Ordinal);

        var set = await admin.PostFormAsync("/admin/holidays?handler=set", new() { ["Date"] = "2040-03-08", ["Kind"] = "Holiday", ["Name"] = "妇女节（半天）" }, formPage: "/admin/holidays");
        Assert.Equal(HttpStatusCode.OK, set.StatusCode);
        var after = await set.Content.ReadAsStringAsync();
        Assert.Matches("id=\"day-2040-03-08\">[\\s\\S]*?放假</strong> 妇女节（半天）", after);
        // Nothing is planned in 2040 yet; the admin is told so rather than left to guess what moved.
        Assert.Contains("随之调整：联席会议 0 次、值班轮次 0 个、待办期限 0 项。", after, StringComparison.Ordinal);

        var nameless = await admin.PostFormAsync("/admin/holidays?handler=set", new() { ["Date"] = "2040-03-09", ["Kind"] = "Holiday", ["Name"] = "" }, formPage: "/admin/holidays");
        Assert.Equal(HttpStatusCode.BadRequest, nameless.StatusCode);
        Assert.DoesNotContain("id=\"day-2040-03-09\"", await nameless.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var removed = await admin.PostFormAsync("/admin/holidays?handler=remove", new() { ["date"] = "2040-03-08" }, formPage: "/admin/holidays?year=2040");
        Assert.Equal(HttpStatusCode.OK, removed.StatusCode);
        Assert.DoesNotContain("id=\"day-2040-03-08\"", await removed.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
