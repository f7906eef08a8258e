using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Workflow.Federation.Ledger;
using Workflow.Server.Accounts;
using Workflow.Server.Tests.Support;

namespace Workflow.Server.Tests.Foundings;

/// <summary>Everyone a founding needs in one town, signed in with real tokens, and helpers to walk the steps.</summary>
public sealed class FoundingTeam
{
    /// <summary>What the team's user names end in.</summary>
    public required string Tag { get; init; }

    public required HttpClient Officer { get; init; }
    public required HttpClient Party { get; init; }
    public required HttpClient Superior { get; init; }
    public required HttpClient Registrar { get; init; }
    public required HttpClient NeighbourOfficer { get; init; }

    public static async Task<FoundingTeam> CreateAsync(ServiceFactory factory)
    {
        var tag = Guid.NewGuid().ToString("N")[..6];
        await factory.CreateUserAsync($"f-officer-{tag}", Roles.Officer, TestRegions.Town);
        await factory.CreateUserAsync($"f-party-{tag}", Roles.Approver, TestRegions.Town, ApproverKinds.PartyOrganization);
        await factory.CreateUserAsync($"f-superior-{tag}", Roles.Approver, TestRegions.District, ApproverKinds.SuperiorFederation);
        await factory.CreateUserAsync($"f-registrar-{tag}", Roles.Approver, TestRegions.District, ApproverKinds.Registrar);
        await factory.CreateUserAsync($"f-neighbour-{tag}", Roles.Officer, TestRegions.NeighbourTown);
        return await SignInAsync(factory, tag);
    }

    /// <summary>The team of <paramref name="tag"/> signed in again, e.g. on a service started on a copy of the database.</summary>
    public static async Task<FoundingTeam> SignInAsync(ServiceFactory factory, string tag) => new()
    {
        Tag = tag,
        Officer = await factory.SignInAsync($"f-officer-{tag}"),
        Party = await factory.SignInAsync($"f-party-{tag}"),
        Superior = await factory.SignInAsync($"f-superior-{tag}"),
        Registrar = await factory.SignInAsync($"f-registrar-{tag}"),
        NeighbourOfficer = await factory.SignInAsync($"f-neighbour-{tag}"),
    };

    private static int s_serial;

    /// <summary>A credit code with a correct GB 32100-2015 check character, unique per call.</summary>
    public static string NewCreditCode()
    {
        var serial = Interlocked.Increment(ref s_serial) + Random.Shared.Next(1000, 9000) * 100;
        var first17 = $"91{TestRegions.District}MA{serial:D7}".ToUpperInvariant()[..17];
        return first17 + CreditCode.ComputeCheckCharacter(first17);
    }

    /// <summary>Adds an organization to the ledger as the team's officer, or as <paramref name="by"/> (e.g. an officer of another town).</summary>
    public async Task<Guid> AddOrganizationAsync(string name, int staff, int women, string party = "own", string kind = "enterprise", string region = TestRegions.Village,
        HttpClient? by = null)
    {
        var response = await (by ?? Officer).PostAsJsonAsync("/api/organizations", new
        {
            facts = new
            {
                name, creditCode = NewCreditCode(), sector = "newEconomic", kind, regionCode = region, industry = "石材加工",
                address = "南安市", staffCount = staff, womenCount = women, partyOrganization = party, partyOrganizationName = party == "none" ? null : name + "党支部",
                operatingStatus = "operating",
            },
        });
        var body = await response.ReadObjectAsync();
        Assert.True(response.IsSuccessStatusCode, body.ToJsonString());
        return Guid.Parse((string)body["id"]!);
    }

    public async Task<JsonObject> OpenAsync(object request)
    {
        var response = await Officer.PostAsJsonAsync("/api/foundings", request);
        var body = await response.ReadObjectAsync();
        Assert.True(response.IsSuccessStatusCode, body.ToJsonString());
        return body;
    }

    /// <summary>
    /// Opens a standalone founding for a new enterprise and walks it to the election step: the party organization endorses,
    /// the superior federation approves, the officer sets <paramref name="slate"/>, and both approve the candidates.
    /// </summary>
    public async Task<(Guid Id, Guid Instance)> ToTheElectionAsync(string name, object slate)
    {
        var (id, instance) = await ToPreparationAsync(name);
        var set = await Officer.PutAsJsonAsync($"/api/foundings/{id}/candidates", slate);
        Assert.True(set.IsSuccessStatusCode, await set.Content.ReadAsStringAsync());
        await DecideAsync(Officer, instance, "prepare", "submit");
        await DecideAsync(Party, instance, "candidateReview", "approve", new { opinion = "同意" });
        await DecideAsync(Superior, instance, "candidateApproval", "approve");
        return (id, instance);
    }

    /// <summary>Opens a standalone founding for a new enterprise, endorsed and approved, waiting for its candidate list.</summary>
    public async Task<(Guid Id, Guid Instance)> ToPreparationAsync(string name)
    {
        var organization = await AddOrganizationAsync(name, staff: 320, women: 110);
        var opened = await OpenAsync(new { organizationIds = new[] { organization }, name = name + "妇联", kind = "enterprise", mode = "standalone" });
        var id = Guid.Parse((string)opened["id"]!);
        var instance = Guid.Parse((string)opened["instanceId"]!);
        await DecideAsync(Party, instance, "partyOpinion", "endorse", new { opinion = "同意" });
        await DecideAsync(Superior, instance, "preparationApproval", "approve", new { opinion = "同意筹建" });
        return (id, instance);
    }

    public static async Task<JsonObject> FoundingAsync(HttpClient client, Guid id) => await (await client.GetAsync($"/api/foundings/{id}")).ReadObjectAsync();

    /// <summary>
    /// Finds the caller's open task at <paramref name="activity"/> for the instance and decides it: the instance's own, or, for a
    /// founding, one of the election it runs as a child workflow, which the inbox names by the same request.
    /// </summary>
    public static async Task<JsonObject> DecideAsync(HttpClient client, Guid instance, string activity, string outcome, object? form = null, string? comment = null)
    {
        var page = await (await client.GetAsync($"/api/tasks?show=all&activityId={activity}&pageSize=200")).ReadObjectAsync();
        var items = (JsonArray)page["items"]!;
        var task = items.FirstOrDefault(t => (string?)t!["instanceId"] == instance.ToString());
        if (task is null && await RequestOfAsync(client, instance) is { } request)
            task = ElectionTask(items, request);
        if (task is null) throw new Xunit.Sdk.XunitException($"no task '{activity}' for {instance} in {page.ToJsonString()}");
        return await DecideTaskAsync(client, task, outcome, form, comment);
    }

    /// <summary>Finds the caller's open task at <paramref name="activity"/> of the election that the request runs (a founding's or a re-election's) and decides it.</summary>
    public static async Task<JsonObject> DecideForRequestAsync(HttpClient client, Guid request, string activity, string outcome, object? form = null, string? comment = null)
    {
        var page = await (await client.GetAsync($"/api/tasks?show=all&activityId={activity}&pageSize=200")).ReadObjectAsync();
        var task = ElectionTask((JsonArray)page["items"]!, request.ToString())
            ?? throw new Xunit.Sdk.XunitException($"no task '{activity}' for request {request} in {page.ToJsonString()}");
        return await DecideTaskAsync(client, task, outcome, form, comment);
    }

    private static JsonNode? ElectionTask(JsonArray items, string request) =>
        items.FirstOrDefault(t => (string?)t!["definitionId"] == "election" && (string?)t["subject"]?["foundingRequestId"] == request);

    private static async Task<JsonObject> DecideTaskAsync(HttpClient client, JsonNode task, string outcome, object? form, string? comment)
    {
        var response = await client.PostAsJsonAsync($"/api/tasks/{task["id"]}/decision", new { outcome, form, comment });
        var body = await response.ReadObjectAsync();
        Assert.True(response.IsSuccessStatusCode, body.ToJsonString());
        return body;
    }

    /// <summary>The founding request whose workflow is <paramref name="instance"/>, as the caller's list of requests shows it.</summary>
    private static async Task<string?> RequestOfAsync(HttpClient client, Guid instance)
    {
        var list = JsonNode.Parse(await client.GetStringAsync("/api/foundings"));
        var items = list as JsonArray ?? list?["items"] as JsonArray ?? [];
        return (string?)items.FirstOrDefault(r => (string?)r!["instanceId"] == instance.ToString())?["id"];
    }
}
