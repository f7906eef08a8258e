using System.Net;
using System.Text.Json.Nodes;
using Workflow.Server.Tests.Support;

namespace Workflow.Server.Tests.Pages.Admin;

/// <summary>流程定义: versions with their running instances, a version's JSON and diagram, and publishing refused at the error's place.</summary>
public sealed class DefinitionsPageTests(AdminHost host) : IClassFixture<AdminHost>
{
    [Fact]
    public async Task ADefinitionWithAnError_IsRefusedWithTheErrorAtItsPath_AndNothingIsPublished_ThenTheMendedOnePublishes()
    {
        var admin = await host.AdminPageAsync();
        var id = "page-" + Guid.NewGuid().ToString("N")[..6];
        var broken = FlakyAction.FlakyFlow(id);
        broken["activities"]![1]!["next"]!["done"] = "nowhere";

        var refused = await admin.PostFormAsync("/admin/definitions", new() { ["Json"] = broken.ToJsonString() }, formPage: "/admin/definitions");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        var page = await refused.Content.ReadAsStringAsync();
        Assert.Contains("<code class=\"error-path\">activities[1].next.done</code>", page, StringComparison.Ordinal);
        Assert.Contains("nowhere", page, StringComparison.Ordinal);
        Assert.DoesNotContain($"id=\"version-{id}-1\"", page, StringComparison.Ordinal);

        var indented = await admin.PostFormAsync("/admin/definitions", new() { ["Json"] = broken.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true }) }, formPage: "/admin/definitions");
        var indentedPage = await indented.Content.ReadAsStringAsync();
        var marked = System.Text.RegularExpressions.Regex.Match(indentedPage, "<li id=\"json-line-(\\d+)\" class=\"has-error\"><code>([^<]*)</code>\\s*<span class=\"line-error\">([^<]*)</span>");
        Assert.True(marked.Success, "no line marked in the annotated listing");
        Assert.Contains("&quot;done&quot;: &quot;nowhere&quot;", marked.Groups[2].Value, StringComparison.Ordinal);
        Assert.Contains("nowhere", marked.Groups[3].Value, StringComparison.Ordinal);

        var published = await admin.PostFileAsync("/admin/definitions", "/admin/definitions", id + ".json", System.Text.Encoding.UTF8.GetBytes(FlakyAction.FlakyFlow(id).ToJsonString()));
        var list = await published.Content.ReadAsStringAsync();
        Assert.Contains($"已发布 {id} 第 1 版。", list, StringComparison.Ordinal);
        Assert.Contains($"id=\"version-{id}-1\"", list, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheList_CountsTheInstancesRunningOnEachVersion_AndAVersionShowsItsJsonAndDiagram()
    {
        var (_, _) = await host.FaultedInstanceAsync(Guid.NewGuid().ToString("N")[..6]);
        var admin = await host.AdminPageAsync();
        var list = await admin.GetStringAsync("/admin/definitions");
        var row = System.Text.RegularExpressions.Regex.Match(list, "id=\"version-(flaky-[0-9a-f]+)-1\">[\\s\\S]*?class=\"running\">(\\d+)</td>");
        Assert.True(row.Success);
        Assert.Equal("1", row.Groups[2].Value);

        var version = await admin.GetStringAsync($"/admin/definitions/{row.Groups[1].Value}/1");
        Assert.Contains("<svg", version, StringComparison.Ordinal);
        Assert.Contains("&quot;handler&quot;: &quot;test.flaky&quot;", version, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"/admin/definitions/{row.Groups[1].Value}/9")).StatusCode);
    }
}
