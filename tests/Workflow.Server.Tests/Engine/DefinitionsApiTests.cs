using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Workflow.Server.Tests.Support;

namespace Workflow.Server.Tests.Engine;

public sealed class DefinitionsApiTests(ServiceFactory factory) : IClassFixture<ServiceFactory>
{
    private static StringContent Body(string json) => new(json, Encoding.UTF8, "application/json");

    private static string Flow(string id, string next) => $$"""
        { "id": "{{id}}", "name": "测试流程", "activities": [
            { "id": "start", "type": "start", "next": "{{next}}" },
            { "id": "done", "type": "end" } ] }
        """;

    [Fact]
    public async Task TheWorkflowsFolder_IsPublishedAtStart()
    {
        var admin = await factory.AdminAsync();
        var list = (JsonArray)JsonNode.Parse(await admin.GetStringAsync("/api/definitions"))!;
        Assert.Contains(list, d => (string?)d!["definitionId"] == "approval");
    }

    [Fact]
    public async Task PublishingAWrongDefinition_NamesThePlaceAndTheReason()
    {
        var admin = await factory.AdminAsync();
        var problem = await (await admin.PostAsync("/api/definitions", Body(Flow("broken-flow", "dnoe")))).AssertProblemAsync(400, "definition-invalid");
        var error = ((JsonArray)problem["errors"]!).Single()!;
        Assert.StartsWith("activities[0].next", (string?)error["path"], StringComparison.Ordinal);
        Assert.Contains("dnoe", (string?)error["message"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task PublishingANewDefinition_CreatesVersion1_AndTheSameContentAgainChangesNothing()
    {
        var admin = await factory.AdminAsync();
        var id = "flow-" + Guid.NewGuid().ToString("N")[..8];
        var first = await admin.PostAsync("/api/definitions", Body(Flow(id, "done")));
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        var again = await admin.PostAsync("/api/definitions", Body(Flow(id, "done")));
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);

        var versions = (JsonArray)JsonNode.Parse(await admin.GetStringAsync($"/api/definitions/{id}"))!;
        Assert.Single(versions);
        var version = await (await admin.GetAsync($"/api/definitions/{id}/versions/1")).ReadObjectAsync();
        Assert.Equal(id, (string?)version["json"]!["id"]);
    }
}
