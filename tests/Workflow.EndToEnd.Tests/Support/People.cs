using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Workflow.Server.Accounts;
using Workflow.Server.Tests.Support;

namespace Workflow.EndToEnd.Tests.Support;

/// <summary>The people of one test, created through the admin API with names no other test uses, and requests started as an officer would.</summary>
public sealed class People(ServiceFactory service)
{
    private static int s_towns;
    private HttpClient? _officer;
    private HttpClient? _admin;

    public string Tag { get; } = Guid.NewGuid().ToString("N")[..6];

    /// <summary>A town of this test's own, so that its lists hold only its own tasks, with two villages.</summary>
    public string Town { get; } = $"{TestRegions.District}{300 + Interlocked.Increment(ref s_towns)}";
    public string Village => Town + "201";
    public string OtherVillage => Town + "202";

    public string Officer => $"officer-{Tag}";
    public string Approver => $"approver-{Tag}";
    public string Colleague => $"colleague-{Tag}";

    public async Task<People> CreateAsync()
    {
        await service.SeedRegionsAsync();
        var admin = _admin ??= await service.AdminAsync();
        foreach (var (code, name) in new[] { (Town, $"测试镇{Town[^3..]}"), (Village, "东村"), (OtherVillage, "西村") })
            (await admin.PostAsJsonAsync("/api/admin/regions", new { code, name })).EnsureSuccessStatusCode();
        foreach (var (userName, role, kind) in new[] { (Officer, Roles.Officer, null), (Approver, Roles.Approver, ApproverKinds.SuperiorFederation), (Colleague, Roles.Approver, ApproverKinds.SuperiorFederation) })
            await AddAsync(userName, role, Town, kind);
        return this;
    }

    /// <summary>One more person of this test, created through the admin API as <see cref="CreateAsync"/> creates the usual three.</summary>
    public async Task<Guid> AddAsync(string userName, string role, string regionCode, string? approverKind = null)
    {
        var admin = _admin ??= await service.AdminAsync();
        var response = await admin.PostAsJsonAsync("/api/admin/users", new { userName, displayName = userName, roles = new[] { role }, approverKind, regionCode, password = ServiceFactory.Password });
        var body = await response.ReadObjectAsync();
        Assert.True(response.IsSuccessStatusCode, body.ToJsonString());
        return Guid.Parse((string)body["user"]!["id"]!);
    }

    /// <summary>Starts <paramref name="definitionId"/> for a request named <paramref name="name"/>; returns its first task.</summary>
    public async Task<Guid> StartAsync(string name, string? regionCode = null, string definitionId = "approval")
    {
        regionCode ??= Village;
        var officer = _officer ??= await service.SignInAsync(Officer);
        var response = await officer.PostAsJsonAsync("/api/instances", new { definitionId, input = new JsonObject { ["regionCode"] = regionCode, ["name"] = name } });
        var body = await response.ReadObjectAsync();
        Assert.True(response.IsSuccessStatusCode, body.ToJsonString());
        return Guid.Parse((string)body["tasks"]![0]!);
    }

    public static async Task PublishAsync(ServiceFactory service, string definition)
    {
        var admin = await service.AdminAsync();
        (await admin.PostAsync("/api/definitions", new StringContent(definition, Encoding.UTF8, "application/json"))).EnsureSuccessStatusCode();
    }
}
