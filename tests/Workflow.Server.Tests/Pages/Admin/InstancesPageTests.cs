using System.Net;
using System.Net.Http.Json;
using Workflow.Server.Tests.Support;

namespace Workflow.Server.Tests.Pages.Admin;

/// <summary>流程实例与故障: found by correlation id, the journal read and checked, an incident retried and an instance cancelled, each confirmed.</summary>
public sealed class InstancesPageTests(AdminHost host) : IClassFixture<AdminHost>
{
    [Fact]
    public async Task AnInstance_IsFoundByItsCorrelationId_AndItsJournalChecksOut()
    {
        var (instance, correlation) = await host.FaultedInstanceAsync(Guid.NewGuid().ToString("N")[..6]);
        var admin = await host.AdminPageAsync();

        var found = await admin.GetStringAsync("/admin/instances?q=" + Uri.EscapeDataString(correlation));
        Assert.Contains($"href=\"/admin/instances/{instance}\"", found, StringComparison.Ordinal);
        Assert.Contains($"href=\"/admin/instances/{instance}\"", await admin.GetStringAsync("/admin/instances?q=" + instance), StringComparison.Ordinal);

        var verified = await admin.GetStringAsync($"/admin/instances/{instance}?handler=verify");
        Assert.Contains("id=\"verification\">", verified, StringComparison.Ordinal);
        Assert.Contains("日志完整", verified, StringComparison.Ordinal);
        Assert.Contains("id=\"journal-entries\"", verified, StringComparison.Ordinal);
        Assert.Contains("<td data-label=\"类型\">故障</td>", verified, StringComparison.Ordinal);

        await admin.PostFormAsync("/account/language", new() { ["culture"] = "en", ["returnUrl"] = "/admin" }, formPage: "/admin");
        var english = await admin.GetStringAsync($"/admin/instances/{instance}");
        Assert.Contains("<td data-label=\"Kind\">Faulted</td>", english, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnIncident_IsRetriedAfterAConfirmation_AndTheInstanceGoesOn()
    {
        var (instance, _) = await host.FaultedInstanceAsync(Guid.NewGuid().ToString("N")[..6]);
        var admin = await host.AdminPageAsync();
        var list = await admin.GetStringAsync("/admin/instances");
        var link = System.Text.RegularExpressions.Regex.Match(list, $"href=\"(/admin/instances/{instance}\\?confirm=retry&amp;incident=[0-9a-f-]+)#confirm\"");
        Assert.True(link.Success, "the open incident is listed with a retry link");

        var confirm = await admin.GetStringAsync(System.Net.WebUtility.HtmlDecode(link.Groups[1].Value));
        Assert.Contains($"确定重试实例 {instance} 在“register”步骤的故障吗？", confirm, StringComparison.Ordinal);
        var incident = System.Text.RegularExpressions.Regex.Match(confirm, "name=\"incident\" value=\"([0-9a-f-]+)\"").Groups[1].Value;
        var retried = await admin.PostFormAsync($"/admin/instances/{instance}?handler=retry", new() { ["incident"] = incident }, formPage: $"/admin/instances/{instance}");

        Assert.Equal(HttpStatusCode.Redirect, retried.StatusCode);
        var after = await admin.GetStringAsync($"/admin/instances/{instance}");
        Assert.Contains("id=\"status\">已完成</dd>", after, StringComparison.Ordinal);
        Assert.Contains("已重试", after, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnInstance_IsCancelledAfterAConfirmation_AndASecondCancelIsAConflict()
    {
        var (instance, _) = await host.FaultedInstanceAsync(Guid.NewGuid().ToString("N")[..6]);
        var admin = await host.AdminPageAsync();

        Assert.Contains($"确定取消实例 {instance} 吗？", await admin.GetStringAsync($"/admin/instances/{instance}?confirm=cancel"), StringComparison.Ordinal);
        var cancelled = await admin.PostFormAsync($"/admin/instances/{instance}?handler=cancel", new() { ["Reason"] = "重复申请" }, formPage: $"/admin/instances/{instance}?confirm=cancel");
        Assert.Equal(HttpStatusCode.Redirect, cancelled.StatusCode);
        Assert.Contains("id=\"status\">已取消</dd>", await admin.GetStringAsync($"/admin/instances/{instance}"), StringComparison.Ordinal);

        var again = await admin.PostFormAsync($"/admin/instances/{instance}?handler=cancel", new() { ["Reason"] = "再次" }, formPage: $"/admin/instances/{instance}");
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        var api = await host.Factory.AdminAsync();
        Assert.Equal("cancelled", (string?)(await (await api.GetAsync($"/api/instances/{instance}")).ReadObjectAsync())["status"]);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"/admin/instances/{Guid.NewGuid()}")).StatusCode);
    }
}
