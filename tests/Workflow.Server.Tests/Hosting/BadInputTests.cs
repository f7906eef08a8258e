using System.Net;
using System.Text;
using Workflow.Server.Tests.Support;

namespace Workflow.Server.Tests.Hosting;

/// <summary>Malformed, mistyped, unknown and oversized input gets a clear 4xx problem, never a 500, and changes nothing.</summary>
public sealed class BadInputTests(ServiceFactory factory) : IClassFixture<ServiceFactory>
{
    private static StringContent Body(string json) => new(json, Encoding.UTF8, "application/json");

    [Fact]
    public async Task MalformedJson_Is400()
    {
        var s = await Scenario.CreateAsync(factory);
        var problem = await (await s.Officer.PostAsync("/api/instances", Body("{\"definitionId\": \"approval\", \"input\": {"))).AssertProblemAsync(400, "invalid-body");
        Assert.Contains("malformed JSON", (string?)problem["detail"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnUnknownField_Is400NamingTheField()
    {
        var s = await Scenario.CreateAsync(factory);
        var problem = await (await s.Officer.PostAsync("/api/instances",
            Body("""{"definitionId":"approval","input":{"regionCode":"350583104201"},"regoinCode":"x"}"""))).AssertProblemAsync(400, "invalid-body");
        Assert.Equal("$.regoinCode: unknown field", (string?)problem["detail"]);
    }

    [Fact]
    public async Task AWrongType_Is400NamingTheField()
    {
        var s = await Scenario.CreateAsync(factory);
        var problem = await (await s.Officer.PostAsync("/api/instances", Body("""{"definitionId":"approval","input":{"regionCode":"350583104201"},"version":"two"}""")))
            .AssertProblemAsync(400, "invalid-body");
        Assert.Equal("$.version: wrong type", (string?)problem["detail"]);
    }

    [Fact]
    public async Task AMissingRequiredRegion_Is400()
    {
        var s = await Scenario.CreateAsync(factory);
        var problem = await (await s.Officer.PostAsync("/api/instances", Body("""{"definitionId":"approval","input":{}}"""))).AssertProblemAsync(400, "validation");
        Assert.NotNull(problem["errors"]!["input.regionCode"]);
    }

    [Fact]
    public async Task AnOversizedBody_Is413()
    {
        var s = await Scenario.CreateAsync(factory);
        var huge = "{\"definitionId\":\"approval\",\"input\":{\"regionCode\":\"350583104201\",\"note\":\"" + new string('妇', 600_000) + "\"}}";
        await (await s.Officer.PostAsync("/api/instances", Body(huge))).AssertProblemAsync(413, "payload-too-large");
    }

    [Fact]
    public async Task AnOversizedBodyWithoutContentLength_Is413()
    {
        var s = await Scenario.CreateAsync(factory);
        var huge = "{\"definitionId\":\"approval\",\"input\":{\"regionCode\":\"350583104201\",\"note\":\"" + new string('x', 2_000_000) + "\"}}";
        var content = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes(huge)));
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/instances") { Content = content };
        request.Headers.TransferEncodingChunked = true;
        await (await s.Officer.SendAsync(request)).AssertProblemAsync(413, "payload-too-large");
    }

    [Fact]
    public async Task UnknownIds_Are404()
    {
        var s = await Scenario.CreateAsync(factory);
        await (await s.Approver.GetAsync($"/api/tasks/{Guid.NewGuid()}")).AssertProblemAsync(404, "not-found");
        await (await s.Officer.GetAsync($"/api/instances/{Guid.NewGuid()}")).AssertProblemAsync(404, "not-found");
        Assert.Equal(HttpStatusCode.NotFound, (await s.Officer.GetAsync("/api/tasks/not-a-guid")).StatusCode);
    }

    [Fact]
    public async Task AnUnknownInboxFilter_Is400()
    {
        var s = await Scenario.CreateAsync(factory);
        await (await s.Approver.GetAsync("/api/tasks?show=everything")).AssertProblemAsync(400, "validation");
        await (await s.Approver.GetAsync("/api/tasks?page=abc")).AssertProblemAsync(400, "bad-request");
    }
}
