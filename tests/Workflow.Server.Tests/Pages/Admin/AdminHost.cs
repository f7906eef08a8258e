using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Workflow.Engine;
using Workflow.Server.Tests.Support;

namespace Workflow.Server.Tests.Pages.Admin;

/// <summary>An action that fails while <see cref="Broken"/> is set, as a registry that is down does: the incident an admin retries.</summary>
public sealed class FlakyAction : IActionHandler
{
    public const string HandlerName = "test.flaky";

    public bool Broken { get; set; }

    public string Name => HandlerName;

    public Task<ActionResult> ExecuteAsync(ActionContext context, CancellationToken cancellationToken) =>
        Broken ? throw new InvalidOperationException("登记系统暂不可用 / registry unavailable") : Task.FromResult(new ActionResult("done"));

    /// <summary>A definition that runs <see cref="FlakyAction"/> straight after its start.</summary>
    public static JsonObject FlakyFlow(string id) => new()
    {
        ["id"] = id,
        ["name"] = "登记（测试）",
        ["activities"] = new JsonArray(
            new JsonObject { ["id"] = "start", ["type"] = "start", ["next"] = "register" },
            new JsonObject { ["id"] = "register", ["type"] = "action", ["handler"] = FlakyAction.HandlerName, ["next"] = new JsonObject { ["done"] = "end" } },
            new JsonObject { ["id"] = "end", ["type"] = "end", ["outcome"] = "registered" }),
    };

    /// <summary>Publishes the flaky flow and starts it while the action is broken: an instance with one open incident.</summary>
    public async Task<(Guid Instance, string Correlation)> FaultedInstanceAsync(ServiceFactory factory, string tag)
    {
        await factory.SeedRegionsAsync();
        var admin = await factory.AdminAsync();
        var id = "flaky-" + tag;
        (await admin.PostAsJsonAsync("/api/definitions", FlakyFlow(id))).EnsureSuccessStatusCode();
        Broken = true;
        var correlation = "admin-test:" + tag;
        var started = await admin.PostAsJsonAsync("/api/instances", new { definitionId = id, input = new JsonObject { ["regionCode"] = TestRegions.Town }, correlationId = correlation });
        Assert.Equal(HttpStatusCode.Created, started.StatusCode);
        Broken = false;
        return (Guid.Parse((string)(await started.ReadObjectAsync())["instanceId"]!), correlation);
    }
}

/// <summary>The service with <see cref="FlakyAction"/> registered, and the admin's helpers of the admin page tests.</summary>
public sealed class AdminHost : IDisposable
{
    public FlakyAction Flaky { get; } = new();

    public ServiceFactory Factory { get; } = new();

    public AdminHost() => Factory.TestServices.Add(services => services.AddSingleton<IActionHandler>(Flaky));

    public Task<HttpClient> AdminPageAsync() => Factory.SignInPageAsync("admin", ServiceFactory.AdminPassword);

    /// <summary>An instance with one open incident, at the flaky step: see <see cref="FlakyAction.FaultedInstanceAsync"/>.</summary>
    public Task<(Guid Instance, string Correlation)> FaultedInstanceAsync(string tag) => Flaky.FaultedInstanceAsync(Factory, tag);

    public void Dispose() => Factory.Dispose();
}

public static class MultipartForms
{
    /// <summary>Opens <paramref name="formPage"/>, then posts a multipart form with its antiforgery token and one file.</summary>
    public static async Task<HttpResponseMessage> PostFileAsync(this HttpClient client, string path, string formPage, string fileName, byte[] bytes,
        Dictionary<string, string>? fields = null)
    {
        var token = PageSessions.Token(await client.GetStringAsync(formPage));
        using var form = new MultipartFormDataContent { { new StringContent(token), "__RequestVerificationToken" }, { new ByteArrayContent(bytes), "file", fileName } };
        foreach (var (name, value) in fields ?? []) form.Add(new StringContent(value), name);
        return await client.PostAsync(path, form);
    }
}
