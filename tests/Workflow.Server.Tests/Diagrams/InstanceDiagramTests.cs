using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Workflow.Engine.Definitions;
using Workflow.Server.Diagrams;
using Workflow.Server.Tests.Foundings;
using Workflow.Server.Tests.Support;

namespace Workflow.Server.Tests.Diagrams;

/// <summary>Instances driven through the real service, and their diagrams read back over HTTP as the pages will show them.</summary>
public sealed class InstanceDiagramTests(ServiceFactory factory) : IClassFixture<ServiceFactory>
{
    private static async Task<SvgShape> DiagramAsync(HttpClient client, Guid instance, string? lang = null)
    {
        var response = await client.GetAsync($"/api/instances/{instance}/diagram{(lang is null ? "" : $"?lang={lang}")}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/svg+xml", response.Content.Headers.ContentType?.MediaType);
        var svg = await response.Content.ReadAsStringAsync();
        await File.WriteAllTextAsync(Path.Combine(DefinitionDiagramTests.OutputFolder, $"instance-{instance:N}.svg"), svg);
        return new SvgShape(svg);
    }

    [Fact]
    public async Task AFoundingReturnedTwice_MarksTheLoopTakenTwice_AndHighlightsOnlyTheStepItWaitsAt()
    {
        await factory.SeedRegionsAsync();
        var team = await FoundingTeam.CreateAsync(factory);
        var organization = await team.AddOrganizationAsync("福建省𠀀𪚥石业有限公司", staff: 400, women: 120);
        var opened = await team.OpenAsync(new { organizationIds = new[] { organization }, name = "福建省𠀀𪚥石业有限公司妇联", kind = "enterprise", mode = "standalone" });
        var instance = Guid.Parse((string)opened["instanceId"]!);
        await FoundingTeam.DecideAsync(team.Party, instance, "partyOpinion", "return", new { opinion = "请补充女职工名册" });
        await FoundingTeam.DecideAsync(team.Officer, instance, "reviseRequest", "resubmit");
        await FoundingTeam.DecideAsync(team.Party, instance, "partyOpinion", "return", new { opinion = "名册仍不完整" });
        await FoundingTeam.DecideAsync(team.Officer, instance, "reviseRequest", "resubmit");
        await FoundingTeam.DecideAsync(team.Party, instance, "partyOpinion", "endorse", new { opinion = "同意" });

        var diagram = await DiagramAsync(team.Officer, instance);

        Assert.Equal(["preparationApproval"], diagram.NodesIn("current"));
        Assert.Equal(["start", "remember", "path", "partyOpinion", "reviseRequest"], diagram.NodesIn("visited"));
        Assert.Equal(
            new HashSet<(string, string)> { ("start", "done"), ("remember", "done"), ("path", "congress"), ("partyOpinion", "return"), ("reviseRequest", "resubmit"), ("partyOpinion", "endorse") },
            diagram.EdgesIn("taken"));
        Assert.Equal(2, diagram.CountOf("partyOpinion", "return"));
        Assert.Equal(2, diagram.CountOf("reviseRequest", "resubmit"));
        Assert.Equal(1, diagram.CountOf("partyOpinion", "endorse"));
        Assert.Contains(diagram.Texts, t => t.Value == "退回 ×2");
        Assert.Contains("。当前步骤：上级妇联批复筹建。已办理 5 个步骤。", diagram.Description);
        var current = diagram.Nodes.Single(n => (string?)n.Attribute("data-state") == "current");
        Assert.Contains(current.Descendants(), e => e.Name.LocalName == "text" && e.Value == "当前");
        // Everything not reached yet is drawn muted.
        var founding = await factory.Services.GetRequiredService<Persistence.Definitions.DefinitionStore>().GetAsync("founding");
        Assert.Equal(founding.Activities.Count - 6, diagram.NodesIn("pending").Count);
    }

    [Fact]
    public async Task ParallelSignOffs_AreBothCurrent_UntilOneIsDecided()
    {
        var s = await Scenario.CreateAsync(factory);
        var started = await (await s.Officer.PostAsJsonAsync("/api/instances",
            new { definitionId = "party-signoff", input = new JsonObject { ["regionCode"] = TestRegions.Village, ["name"] = "霞美片区产业基地妇联" } })).ReadObjectAsync();
        var instance = Guid.Parse((string)started["instanceId"]!);

        Assert.Equal(["unitA", "unitB"], (await DiagramAsync(s.Officer, instance)).NodesIn("current").Order(StringComparer.Ordinal));
        await FoundingTeam.DecideAsync(s.PartyApprover, instance, "unitA", "endorse", new { opinion = "同意" });

        var diagram = await DiagramAsync(s.Officer, instance, lang: "en");
        Assert.Equal(["unitB"], diagram.NodesIn("current"));
        Assert.Contains("unitA", diagram.NodesIn("visited"));
        Assert.Contains(("unitA", "endorse"), diagram.EdgesIn("taken"));
        Assert.Contains(("sign", "branch1"), diagram.EdgesIn("taken"));
        // One branch has reached the join, which waits for the other: the join is not passed yet, nor anything beyond it.
        Assert.Contains("signed", diagram.NodesIn("pending"));
        Assert.DoesNotContain(("signed", "done"), diagram.EdgesIn("taken"));
        Assert.Contains("notifyOfficer", diagram.NodesIn("pending"));
        Assert.Contains("Current step: 党组织意见（单位二）.", diagram.Description);

        await FoundingTeam.DecideAsync(s.PartyApprover, instance, "unitB", "endorse", new { opinion = "同意" });
        var joined = await DiagramAsync(s.Officer, instance);
        Assert.Empty(joined.NodesIn("current"));
        Assert.Equal(["endorsed", "notifyOfficer", "signed"], joined.NodesIn("visited").Intersect(["signed", "notifyOfficer", "endorsed", "objected"]).Order(StringComparer.Ordinal));
        Assert.Contains(("signed", "done"), joined.EdgesIn("taken"));
    }

    [Fact]
    public async Task AFinishedInstance_HasNoCurrentStep_AndSaysHowItEnded()
    {
        var s = await Scenario.CreateAsync(factory);
        var (instance, _) = await s.StartApprovalAsync();
        await FoundingTeam.DecideAsync(s.Approver, instance, "review", "approve", new { opinion = "同意" });

        var diagram = await DiagramAsync(s.Officer, instance);
        Assert.Empty(diagram.NodesIn("current"));
        Assert.Equal(["approved", "review", "start"], diagram.NodesIn("visited"));
        Assert.Equal(["revise", "rejected", "withdrawn"], diagram.NodesIn("pending"));
        Assert.Contains("已结束：已批准。", diagram.Description);
    }

    [Fact]
    public async Task TheDiagram_IsRefusedOutsideTheCallersRegion_AndWithoutSignIn()
    {
        var s = await Scenario.CreateAsync(factory);
        var (instance, _) = await s.StartApprovalAsync();
        await (await s.NeighbourApprover.GetAsync($"/api/instances/{instance}/diagram")).AssertProblemAsync(404, "not-found");
        Assert.Equal(HttpStatusCode.Unauthorized, (await factory.CreateClient().GetAsync($"/api/instances/{instance}/diagram")).StatusCode);
        await (await s.Officer.GetAsync($"/api/instances/{instance}/diagram?lang=fr")).AssertProblemAsync(400, "validation");
    }

    [Fact]
    public void TextFromTheDefinition_IsEscaped_AndRareCharactersSurviveWhole()
    {
        const string title = "审批 <script>alert(1)</script> & 𠀀𪚥 \"甲\" '乙'\u0007";
        var json = new JsonObject
        {
            ["id"] = "escaping", ["name"] = "<流程 & \"名称\">",
            ["activities"] = new JsonArray(
                new JsonObject { ["id"] = "start", ["type"] = "start", ["next"] = "task" },
                new JsonObject
                {
                    ["id"] = "task", ["type"] = "userTask", ["title"] = title, ["assignee"] = new JsonObject { ["role"] = "officer" },
                    ["outcomes"] = new JsonArray("<&>"), ["next"] = new JsonObject { ["<&>"] = "end" },
                },
                new JsonObject { ["id"] = "end", ["type"] = "end", ["name"] = "</svg>结束" }),
        }.ToJsonString();
        var definition = factory.Services.GetRequiredService<DefinitionLoader>().Load(json, "escaping.json");

        var svg = factory.Services.GetRequiredService<WorkflowDiagram>().Render(definition);

        Assert.DoesNotContain("<script", svg, StringComparison.Ordinal);
        var shape = new SvgShape(svg);
        var texts = shape.Nodes.Single(n => (string?)n.Attribute("data-activity") == "task").Descendants().Where(e => e.Name.LocalName == "text").Select(t => t.Value).ToList();
        Assert.Equal(title.Replace(" ", "", StringComparison.Ordinal).Replace("\u0007", "", StringComparison.Ordinal), string.Concat(texts.SkipLast(1)).Replace(" ", "", StringComparison.Ordinal));
        Assert.Contains(shape.Texts, t => t.Value == "<&>");
        Assert.Contains(shape.Texts, t => t.Value == "</svg>结束");
        Assert.Contains("<流程 & \"名称\">", shape.Title);
    }
}
