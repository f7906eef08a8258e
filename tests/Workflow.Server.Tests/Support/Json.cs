using System.Text.Json;
using System.Text.Json.Nodes;

namespace Workflow.Server.Tests.Support;

public static class Json
{
    public static readonly JsonSerializerOptions Options = Create();

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        options.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter(JsonNamingPolicy.CamelCase));
        return options;
    }

    public static async Task<JsonObject> ReadObjectAsync(this HttpResponseMessage response) =>
        (JsonNode.Parse(await response.Content.ReadAsStringAsync()) as JsonObject)
        ?? throw new InvalidOperationException($"{(int)response.StatusCode}: not a JSON object");

    /// <summary>Asserts the status and that the body is RFC 9457 problem details of the given type.</summary>
    public static async Task<JsonObject> AssertProblemAsync(this HttpResponseMessage response, int status, string code)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True((int)response.StatusCode == status, $"expected {status}, got {(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = (JsonObject)JsonNode.Parse(body)!;
        Assert.Equal($"urn:workflow:problem:{code}", (string?)problem["type"]);
        Assert.Equal(status, (int?)problem["status"]);
        return problem;
    }
}
