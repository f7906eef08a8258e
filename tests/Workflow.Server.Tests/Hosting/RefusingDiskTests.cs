using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Workflow.Server.Tests.Foundings;
using Workflow.Server.Tests.Support;

namespace Workflow.Server.Tests.Hosting;

/// <summary>The service on a database that refuses writes, as on a read-only or full disk; each test lets writes back in at its end.</summary>
public sealed class RefusingDiskHost : IDisposable
{
    public RefusingDiskHost() => Factory.TestServices.Add(Disk.AddTo);

    public RefusingDisk Disk { get; } = new();
    public ServiceFactory Factory { get; } = new();

    public void Dispose() => Factory.Dispose();
}

public sealed class RefusingDiskTests(RefusingDiskHost host) : IClassFixture<RefusingDiskHost>
{
    private async Task<T> WhileRefusingAsync<T>(Func<Task<T>> action)
    {
        host.Disk.Refusing = true;
        try
        {
            return await action();
        }
        finally
        {
            host.Disk.Refusing = false;
        }
    }

    private static async Task AssertStorageUnavailableAsync(HttpResponseMessage response)
    {
        await response.AssertProblemAsync(503, "storage-unavailable");
        Assert.Equal(TimeSpan.FromSeconds(30), response.Headers.RetryAfter?.Delta);
    }

    private static object Organization(string name) => new
    {
        facts = new
        {
            name, creditCode = FoundingTeam.NewCreditCode(), sector = "newEconomic", kind = "enterprise", regionCode = TestRegions.Village, industry = "石材加工",
            address = "南安市", staffCount = 120, womenCount = 60, partyOrganization = "own", partyOrganizationName = name + "党支部", operatingStatus = "operating",
        },
    };

    [Fact]
    public async Task RecordingAnOrganization_OnADiskThatRefusesWrites_Gets503WithRetryAfter_AndKeepsNothing()
    {
        var s = await Scenario.CreateAsync(host.Factory);
        var name = "只读磁盘测试企业" + Guid.NewGuid().ToString("N")[..6];

        var refused = await WhileRefusingAsync(() => s.Officer.PostAsJsonAsync("/api/organizations", Organization(name)));

        await AssertStorageUnavailableAsync(refused);
        var ledger = await (await s.Officer.GetAsync($"/api/organizations?text={Uri.EscapeDataString(name)}")).ReadObjectAsync();
        Assert.Empty((JsonArray)ledger["items"]!);
        Assert.Equal(HttpStatusCode.Created, (await s.Officer.PostAsJsonAsync("/api/organizations", Organization(name))).StatusCode);
    }

    [Fact]
    public async Task DecidingATask_OnADiskThatRefusesWrites_Gets503_AndTheTaskStaysOpenWithAnIntactJournal()
    {
        var s = await Scenario.CreateAsync(host.Factory);
        var (instance, task) = await s.StartApprovalAsync();
        var decision = new { outcome = "approve", form = new { opinion = "同意" } };

        var refused = await WhileRefusingAsync(() => s.Approver.PostAsJsonAsync($"/api/tasks/{task}/decision", decision));

        await AssertStorageUnavailableAsync(refused);
        var view = await (await s.Officer.GetAsync($"/api/instances/{instance}")).ReadObjectAsync();
        Assert.Equal("blocked", (string?)view["status"]);
        var journal = (JsonArray)JsonNode.Parse(await s.Officer.GetStringAsync($"/api/instances/{instance}/journal"))!;
        Assert.DoesNotContain(journal, e => (string?)e!["kind"] == "resumed");
        var admin = await host.Factory.AdminAsync();
        var verification = await (await admin.GetAsync($"/api/instances/{instance}/journal/verification")).ReadObjectAsync();
        Assert.True((bool)verification["valid"]!, verification.ToJsonString());
        var decided = await s.Approver.PostAsJsonAsync($"/api/tasks/{task}/decision", decision);
        Assert.Equal(HttpStatusCode.OK, decided.StatusCode);
    }

    [Fact]
    public async Task AStartWithAnIdempotencyKey_OnADiskThatRefusesWrites_Gets503_AndTheKeyStaysFree()
    {
        var s = await Scenario.CreateAsync(host.Factory);
        var key = "disk-" + Guid.NewGuid().ToString("N");
        HttpRequestMessage Start() => new(HttpMethod.Post, "/api/instances")
        {
            Content = JsonContent.Create(new { definitionId = "approval", input = new JsonObject { ["regionCode"] = TestRegions.Village, ["name"] = "官桥镇某企业妇联" } }),
            Headers = { { "Idempotency-Key", key } },
        };

        var refused = await WhileRefusingAsync(() => s.Officer.SendAsync(Start()));

        await AssertStorageUnavailableAsync(refused);
        Assert.Equal(HttpStatusCode.Created, (await s.Officer.SendAsync(Start())).StatusCode);
    }

    [Fact]
    public async Task TheLog_NamesTheDiskError_NotWhatFollowedFromIt()
    {
        var s = await Scenario.CreateAsync(host.Factory);
        host.Disk.Logs.Clear();
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/instances")
        {
            Content = JsonContent.Create(new { definitionId = "approval", input = new JsonObject { ["regionCode"] = TestRegions.Village } }),
            Headers = { { "Idempotency-Key", "log-" + Guid.NewGuid().ToString("N") } },
        };

        await WhileRefusingAsync(() => s.Officer.SendAsync(request));

        var logged = string.Join('\n', host.Disk.Logs);
        Assert.Contains("SQLite error 8", logged);
        Assert.Contains("readonly database", logged);
        Assert.DoesNotContain("Sequence contains no elements", logged);
    }

    [Fact]
    public async Task Health_IsUnhealthy_WhileTheDiskRefusesWrites_AndHealthyOnceItTakesThemAgain()
    {
        var client = host.Factory.CreateClient();

        var refusing = await WhileRefusingAsync(() => client.GetAsync("/health"));
        var refusingBody = await refusing.ReadObjectAsync();
        var after = await client.GetAsync("/health");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, refusing.StatusCode);
        Assert.Equal("Unhealthy", (string?)refusingBody["checks"]!["database"]!["status"]);
        Assert.Contains("readonly", (string?)refusingBody["checks"]!["database"]!["Description"]);
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
    }
}
