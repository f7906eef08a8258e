using System.Net;
using System.Net.Http.Json;
using System.Text;
using Workflow.Server.Tests.Foundings;
using Workflow.Server.Tests.Ledger;
using Workflow.Server.Tests.Pages;
using Workflow.Server.Tests.Support;

namespace Workflow.Server.Tests.Nodes;

/// <summary>A ledger import started through one node's pages: its progress and its report are served by the other node.</summary>
public sealed class TwoNodesImportTests
{
    [Fact]
    public async Task AnImportStartedOnNodeA_ShowsItsProgressAndReport_OnNodeB()
    {
        await using var nodes = await TwoNodes.StartAsync();
        var api = await FoundingTeam.CreateAsync(nodes.A);
        var officer = $"f-officer-{api.Tag}";
        var onA = await nodes.A.SignInPageAsync(officer);
        var onB = await nodes.B.SignInPageAsync(officer);
        var campaign = (string)(await (await api.Officer.PostAsJsonAsync("/api/campaigns", new { name = "两节点导入 " + api.Tag, regionCode = TestRegions.Town })).ReadObjectAsync())["id"]!;
        var name = $"两节点{api.Tag}骑手群体";

        var mapping = await LedgerPagesTests.UploadAsync(onA, campaign, ImportJobsTests.Sheet(name));
        var fields = new Dictionary<string, string> { ["Campaign"] = campaign, ["Token"] = LedgerPagesTests.TokenOf(await mapping.Content.ReadAsStringAsync()) };
        foreach (var (field, heading) in ImportJobsTests.Mapping) fields[$"Map[{field}]"] = heading;
        var started = await onA.PostFormAsync("/ledger/import?handler=import", fields, formPage: "/ledger/import");
        Assert.Equal(HttpStatusCode.Redirect, started.StatusCode);

        var report = await LedgerPagesTests.ImportedAsync(onB, started.Headers.Location!.OriginalString);
        Assert.Contains("已导入 1 行：新增 1 家、更新 0 家", report, StringComparison.Ordinal);
        Assert.Contains(name, await onB.GetStringAsync($"/ledger?campaign={campaign}"), StringComparison.Ordinal);
    }
}
