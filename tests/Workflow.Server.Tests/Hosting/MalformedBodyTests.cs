using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Workflow.Server.Accounts;
using Workflow.Server.Tests.Support;

namespace Workflow.Server.Tests.Hosting;

/// <summary>
/// Every operation of the service's own OpenAPI document that takes a JSON body, sent malformed bodies built from its
/// schema: each answer is a 4xx problem, never a 5xx, and a refused request writes nothing.
/// </summary>
public sealed class MalformedBodyTests
{
    private static readonly string[] BodyMethods = ["post", "put", "patch"];

    [Fact]
    public async Task EveryJsonBodyOperation_RefusesMalformedBodies_WithAProblem_AndWritesNothing()
    {
        await using var factory = new ServiceFactory();
        // The demo ledger gives existing ids to put in paths, so handlers past the "not found" check are reached too.
        factory.Settings["DemoData:Enabled"] = "true";
        var client = await EveryRoleAsync(factory);
        var document = (JsonObject)JsonNode.Parse(await client.GetStringAsync("/openapi/v1.json"))!;
        var bodies = new OpenApiBodies(document);
        var existingIds = new Dictionary<string, string?>();
        var offences = new List<string>();
        var sent = 0;

        var operations = new List<(string Method, string Path, JsonNode Schema)>();
        foreach (var (template, pathItem) in (JsonObject)document["paths"]!)
        {
            foreach (var (method, operation) in (JsonObject)pathItem!)
            {
                if (!BodyMethods.Contains(method) || operation!["requestBody"]?["content"]?["application/json"]?["schema"] is not { } schema) continue;
                var parameters = operation["parameters"] as JsonArray ?? [];
                operations.Add((method.ToUpperInvariant(), FillPath(template, parameters, bodies, existingId: null), schema));
                if (await ExistingIdAsync(client, template, existingIds) is { } existing)
                    operations.Add((method.ToUpperInvariant(), FillPath(template, parameters, bodies, existing), schema));
            }
        }

        using var database = DatabaseWatch.Open(factory);
        foreach (var (method, path, schema) in operations)
        {
            foreach (var body in bodies.Malformed(schema))
            {
                sent++;
                using var request = new HttpRequestMessage(new HttpMethod(method), path);
                var content = new ByteArrayContent(body.Bytes ?? []);
                content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
                request.Content = content;
                using var response = await client.SendAsync(request);
                var status = (int)response.StatusCode;
                var where = $"{method} {path} [{body.Name}]";
                var answer = await response.Content.ReadAsStringAsync();
                // Read after every answer, so a write that a success may make is not blamed on the next request.
                var written = database.WrittenSinceLastLook();
                if (status >= 500)
                    offences.Add($"{where}: {status} {Clip(answer)}");
                else if (status >= 400 && response.Content.Headers.ContentType?.MediaType != "application/problem+json")
                    offences.Add($"{where}: {status} as {response.Content.Headers.ContentType?.MediaType ?? "no content type"}");
                else if (status >= 400 && written is not null)
                    offences.Add($"{where}: {status} but the database changed ({written})");
            }
        }

        Assert.True(operations.Count >= 30, $"only {operations.Count} operations with a JSON body were found in the OpenAPI document");
        Assert.True(offences.Count == 0, $"{offences.Count} of {sent} malformed requests were mishandled:\n" + string.Join("\n", offences));
    }

    /// <summary>Signed in with every role, so no operation stops at 403 before the body is looked at.</summary>
    private static async Task<HttpClient> EveryRoleAsync(ServiceFactory factory)
    {
        await factory.SeedRegionsAsync();
        var admin = await factory.AdminAsync();
        var response = await admin.PostAsJsonAsync("/api/admin/users", new
        {
            userName = "everyone",
            displayName = "everyone",
            roles = new[] { Roles.Admin, Roles.Officer, Roles.Approver, Roles.Chair },
            approverKind = ApproverKinds.SuperiorFederation,
            regionCode = TestRegions.District,
            password = ServiceFactory.Password,
        });
        response.EnsureSuccessStatusCode();
        return await factory.SignInAsync("everyone");
    }

    /// <summary>GUID parameters get a fresh random id, or the first one the existing id is given; numbers and enums a plausible value.</summary>
    private static string FillPath(string template, JsonArray parameters, OpenApiBodies bodies, string? existingId)
    {
        var path = template;
        var existingUsed = false;
        foreach (var parameter in parameters.Where(p => (string?)p!["in"] == "path"))
        {
            var name = (string)parameter!["name"]!;
            var schema = parameter["schema"]!;
            var isGuid = bodies.Kind(schema) == "string" && (string?)bodies.Resolve(schema)["format"] == "uuid";
            string value;
            if (isGuid && existingId is not null && !existingUsed)
            {
                value = existingId;
                existingUsed = true;
            }
            else
            {
                value = bodies.Kind(schema) == "integer" ? name == "quarter" ? "1" : "2026" : bodies.Sample(schema)!.GetValue<object>().ToString()!;
            }
            path = path.Replace("{" + name + "}", Uri.EscapeDataString(value), StringComparison.Ordinal);
        }
        return path;
    }

    /// <summary>The id of the first item the collection above the path's first parameter lists ("/api/organizations" for "/api/organizations/{id}").</summary>
    private static async Task<string?> ExistingIdAsync(HttpClient client, string template, Dictionary<string, string?> cache)
    {
        var brace = template.IndexOf('{', StringComparison.Ordinal);
        if (brace < 0) return null;
        var collection = template[..brace].TrimEnd('/');
        if (cache.TryGetValue(collection, out var cached)) return cached;
        string? id = null;
        using var response = await client.GetAsync(collection);
        if (response.IsSuccessStatusCode && JsonNode.Parse(await response.Content.ReadAsStringAsync()) is { } listing)
        {
            var items = listing as JsonArray ?? listing["items"] as JsonArray;
            id = items?.Select(i => i?["id"]).OfType<JsonValue>().Select(v => v.TryGetValue<string>(out var s) ? s : null)
                .FirstOrDefault(s => Guid.TryParse(s, out _));
        }
        cache[collection] = id;
        return id;
    }

    private static string Clip(string text) => text.Length <= 300 ? text : text[..300] + "…";
}
