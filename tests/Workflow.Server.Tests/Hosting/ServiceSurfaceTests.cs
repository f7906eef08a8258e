using System.Net;
using System.Text.Json.Nodes;
using Workflow.Server.Tests.Support;

namespace Workflow.Server.Tests.Hosting;

public sealed class ServiceSurfaceTests(ServiceFactory factory) : IClassFixture<ServiceFactory>
{
    [Fact]
    public async Task Health_ReportsTheDatabaseAndTheJobServer_WithoutSigningIn()
    {
        var response = await factory.CreateClient().GetAsync("/health");
        var body = await response.ReadObjectAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", (string?)body["checks"]!["database"]!["status"]);
        Assert.Equal("Healthy", (string?)body["checks"]!["jobs"]!["status"]);
    }

    [Fact]
    public async Task TheOpenApiDocument_DescribesTheEndpointsAndTheirErrors()
    {
        var doc = await (await factory.CreateClient().GetAsync("/openapi/v1.json")).ReadObjectAsync();
        var paths = doc["paths"] as JsonObject ?? throw new Xunit.Sdk.XunitException("no paths in the OpenAPI document: " + doc.ToJsonString());
        foreach (var path in new[] { "/api/auth/token", "/api/tasks", "/api/tasks/{id}/decision", "/api/instances", "/api/definitions", "/api/admin/users", "/api/regions" })
            Assert.True(paths.ContainsKey(path), $"missing {path}");
        var decision = paths["/api/tasks/{id}/decision"]!["post"]!;
        Assert.NotNull(decision["requestBody"]);
        Assert.True(((JsonObject)decision["responses"]!).ContainsKey("409"), "decision must document 409");
    }

    [Fact]
    public async Task TheApiPage_IsScalar_WithItsScriptServedHere_AndOnlyItsOwnRelaxedPolicy()
    {
        var client = factory.CreateClient();
        var response = await client.GetAsync("/api-docs");
        var page = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("\"url\":\"openapi/v1.json\"", page, StringComparison.Ordinal);
        var script = System.Text.RegularExpressions.Regex.Match(page, "<script[^>]+src=\"([^\"]+)\"");
        Assert.True(script.Success, page);
        Assert.DoesNotContain("//", script.Groups[1].Value, StringComparison.Ordinal);
        var asset = await client.GetAsync(new Uri(response.RequestMessage!.RequestUri!, script.Groups[1].Value));
        Assert.Equal(HttpStatusCode.OK, asset.StatusCode);
        Assert.Equal(Server.Pages.Site.SecurityHeaders.ApiPagePolicy, response.Headers.GetValues("Content-Security-Policy").Single());
        var signIn = await client.GetAsync("/");
        Assert.Equal(Server.Pages.Site.SecurityHeaders.ContentSecurityPolicy, signIn.Headers.GetValues("Content-Security-Policy").Single());
    }

    [Fact]
    public async Task TheOpenApiDocument_NamesTheBearerScheme_AndDescribesEveryUploadsMultipartBody()
    {
        var doc = await (await factory.CreateClient().GetAsync("/openapi/v1.json")).ReadObjectAsync();

        Assert.Equal("bearer", (string?)doc["components"]!["securitySchemes"]!["Bearer"]!["scheme"]);
        Assert.NotNull(doc["security"]![0]!["Bearer"]);
        foreach (var path in new[] { "/api/admin/users/import", "/api/admin/regions/import", "/api/campaigns/{id}/import", "/api/campaigns/{id}/import/columns" })
        {
            var form = doc["paths"]![path]!["post"]!["requestBody"]!["content"]!["multipart/form-data"]!["schema"]!;
            Assert.Equal("binary", (string?)form["properties"]!["file"]!["format"]);
        }
    }

    [Fact]
    public async Task EveryResponse_CarriesARequestId()
    {
        var response = await factory.CreateClient().GetAsync("/api/tasks");
        Assert.True(response.Headers.Contains("X-Request-Id"));
        var problem = await response.ReadObjectAsync();
        Assert.Equal(response.Headers.GetValues("X-Request-Id").Single(), (string?)problem["requestId"]);
    }
}
