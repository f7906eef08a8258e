using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Workflow.Server.Tests.Support;

namespace Workflow.Server.Tests.Foundings;

/// <summary>The whole founding path through the HTTP API, each step by the person whose role and region it needs.</summary>
public abstract class FoundingPathTests(ServiceFactory factory)
{
    /// <summary>The congress meets today on the service clock: its results can be recorded only once it has been held.</summary>
    private object Slate(int candidates = 10) => new
    {
        executiveSeats = 9,
        viceChairSeats = 2,
        congressDate = factory.Today().ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        executiveCandidates = Enumerable.Range(1, candidates).Select(i => new
        {
            id = $"c{i}", name = $"候选人{i}", gender = "female", organization = "福建省弘一石业有限公司", title = "职工", birthYear = 1980 + i,
            politicalStatus = i % 2 == 0 ? "communistPartyMember" : "masses", education = "bachelor",
        }).ToArray(),
        chairCandidateIds = new[] { "c1" },
        viceChairCandidateIds = new[] { "c2", "c3" },
    };

    private static object Congress(int present, Dictionary<string, int> votes) => new
    {
        stage = "congress", rounds = new[] { new { due = 50, present, ballotsIssued = present, ballotsReturned = present, invalidBallots = 0, votesByCandidate = votes } },
    };

    private static readonly object FirstMeeting = new
    {
        stage = "firstExecutiveMeeting",
        rounds = new[]
        {
            new { due = 9, present = 9, ballotsIssued = 9, ballotsReturned = 9, invalidBallots = 0, votesByCandidate = new Dictionary<string, int> { ["c1"] = 9, ["c2"] = 8, ["c3"] = 8 } },
        },
    };

    [Fact]
    public async Task AKeyEnterprise_IsFoundedThroughEveryStep_WithAFailedElectionReRun()
    {
        await factory.SeedRegionsAsync();
        var team = await FoundingTeam.CreateAsync(factory);
        var organization = await team.AddOrganizationAsync("福建省弘一石业有限公司", staff: 400, women: 120);
        var opened = await team.OpenAsync(new { organizationIds = new[] { organization }, name = "福建省弘一石业有限公司妇联", kind = "enterprise", mode = "standalone" });
        var id = Guid.Parse((string)opened["id"]!);
        var instance = Guid.Parse((string)opened["instanceId"]!);
        Assert.Equal(["partyOpinion"], ((JsonArray)opened["waitingAt"]!).Select(a => (string)a!));

        await FoundingTeam.DecideAsync(team.Party, instance, "partyOpinion", "endorse", new { opinion = "同意，党建带妇建" });
        await FoundingTeam.DecideAsync(team.Superior, instance, "preparationApproval", "approve", new { opinion = "同意筹建" });

        // Too few candidates for a contested vote: refused with the rule's explanation.
        var refused = await team.Officer.PutAsJsonAsync($"/api/foundings/{id}/candidates", Slate(candidates: 9));
        var problem = await refused.AssertProblemAsync(422, "rule-refused");
        Assert.NotEmpty((JsonArray)problem["explanations"]!);
        Assert.Equal(HttpStatusCode.OK, (await team.Officer.PutAsJsonAsync($"/api/foundings/{id}/candidates", Slate())).StatusCode);
        await FoundingTeam.DecideAsync(team.Officer, instance, "prepare", "submit");
        await FoundingTeam.DecideAsync(team.Party, instance, "candidateReview", "approve", new { opinion = "候选人政治素质好" });
        await FoundingTeam.DecideAsync(team.Superior, instance, "candidateApproval", "approve");

        // First congress without a quorum: counted, failed, and the workflow sends the officer back to re-run it.
        var noQuorum = await (await team.Officer.PostAsJsonAsync($"/api/foundings/{id}/elections", Congress(20, new() { ["c1"] = 20 }))).ReadObjectAsync();
        Assert.Equal("failed", (string?)noQuorum["status"]);
        var evaluated = await FoundingTeam.DecideAsync(team.Officer, instance, "election", "recorded");
        Assert.Equal("open", (string?)(await FoundingTeam.FoundingAsync(team.Officer, id))["status"]);
        Assert.Equal(["election"], ((JsonArray)(await FoundingTeam.FoundingAsync(team.Officer, id))["waitingAt"]!).Select(a => (string)a!));
        Assert.Single((JsonArray)evaluated["nextTasks"]!);

        var votes = Enumerable.Range(1, 9).ToDictionary(i => $"c{i}", i => 35);
        votes["c10"] = 12;
        var congress = await (await team.Officer.PostAsJsonAsync($"/api/foundings/{id}/elections", Congress(45, votes))).ReadObjectAsync();
        Assert.Equal("valid", (string?)congress["status"]);
        Assert.Equal(9, ((JsonArray)congress["elected"]!).Count);
        var meeting = await (await team.Officer.PostAsJsonAsync($"/api/foundings/{id}/elections", FirstMeeting)).ReadObjectAsync();
        Assert.Equal("valid", (string?)meeting["status"]);
        await FoundingTeam.DecideAsync(team.Officer, instance, "election", "recorded");
        await FoundingTeam.DecideAsync(team.Party, instance, "resultParty", "approve", new { opinion = "同意选举结果" });
        await FoundingTeam.DecideAsync(team.Superior, instance, "resultFiling", "approve", new { opinion = "准予备案" });
        await FoundingTeam.DecideAsync(team.Registrar, instance, "registration", "register", new { registrationNumber = "南妇登〔2026〕18号", foundingDate = factory.Today().ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) });

        var founded = await FoundingTeam.FoundingAsync(team.Officer, id);
        Assert.Equal("founded", (string?)founded["status"]);
        var body = await (await team.Officer.GetAsync($"/api/bodies/{founded["bodyId"]}")).ReadObjectAsync();
        Assert.Equal(factory.Today().AddYears(5).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), (string?)body["termEndsOn"]);
        var leaders = (JsonArray)body["leaders"]!;
        Assert.Equal("候选人1", (string?)leaders[0]!["name"]);
        Assert.Equal("chair", (string?)leaders[0]!["role"]);
        Assert.Equal(2, leaders.Count(l => (string?)l!["role"] == "viceChair"));
        Assert.Equal(6, leaders.Count(l => (string?)l!["role"] == "executiveMember"));
        var history = (JsonArray)JsonNode.Parse(await team.Officer.GetStringAsync($"/api/bodies/{founded["bodyId"]}/history"))!;
        Assert.Equal("founding", (string?)history[0]!["kind"]);
        Assert.Contains(history, e => (string?)e!["step"] == "登记入册" && (string?)e["outcome"] == "register");
        Assert.True(history.Select(e => (DateTimeOffset)e!["at"]!).Order().SequenceEqual(history.Select(e => (DateTimeOffset)e!["at"]!)), "oldest first");
        // Registration starts the body's working life: the officers' set-up task is in their inbox as soon as the decision returns
        // (the founding's end is observed after its transition commits).
        var setUp = (JsonArray)(await (await team.Officer.GetAsync("/api/tasks?definitionId=body-setup&show=all&pageSize=200")).ReadObjectAsync())["items"]!;
        Assert.NotEmpty(setUp);

        var admin = await factory.AdminAsync();
        var journal = (JsonArray)JsonNode.Parse(await admin.GetStringAsync($"/api/instances/{instance}/journal"))!;
        Assert.Contains(journal, e => (string?)e!["activityId"] == "register");
        // The election ran as the founding's child workflow (workflows/election.json), under the request's correlation.
        var children = (JsonArray)(await (await admin.GetAsync($"/api/instances?definitionId=election&correlationId=founding:{id}")).ReadObjectAsync())["items"]!;
        var election = Assert.Single(children);
        Assert.Equal("elected", (string?)election!["result"]);
        var electionJournal = (JsonArray)JsonNode.Parse(await admin.GetStringAsync($"/api/instances/{election["id"]}/journal"))!;
        Assert.Contains(electionJournal, e => (string?)e!["activityId"] == "evaluateElection" && (string?)e["outcome"] == "failed");
    }

    [Fact]
    public async Task AMicroHome_TakesTheShortPath_AndIsRegisteredWithItsHead()
    {
        await factory.SeedRegionsAsync();
        var team = await FoundingTeam.CreateAsync(factory);
        var association = await team.AddOrganizationAsync("福建省工程机械行业协会", staff: 12, women: 4, party: "none", kind: "industryAssociation");
        var opened = await team.OpenAsync(new { organizationIds = new[] { association }, name = "福建省工程机械行业协会妇女微家", kind = "microHome", mode = "hosted", modeReason = "女性少，依托协会托建" });
        var id = Guid.Parse((string)opened["id"]!);
        var instance = Guid.Parse((string)opened["instanceId"]!);

        await FoundingTeam.DecideAsync(team.Party, instance, "microParty", "endorse", new { opinion = "同意" });
        await FoundingTeam.DecideAsync(team.Superior, instance, "microApproval", "approve");
        await FoundingTeam.DecideAsync(team.Officer, instance, "appointHead", "appointed", new { headName = "林秀英" });
        await FoundingTeam.DecideAsync(team.Registrar, instance, "registration", "register", new { registrationNumber = "南妇微〔2026〕3号", foundingDate = "2026-11-20" });

        var founded = await FoundingTeam.FoundingAsync(team.Officer, id);
        Assert.Equal("founded", (string?)founded["status"]);
        var body = await (await team.Officer.GetAsync($"/api/bodies/{founded["bodyId"]}")).ReadObjectAsync();
        Assert.Equal("microHome", (string?)body["kind"]);
        Assert.Equal("head", (string?)body["leaders"]![0]!["role"]);
    }

    [Fact]
    public async Task AJointFounding_IsReturnedForRevision_ThenRejectedWithItsReason()
    {
        await factory.SeedRegionsAsync();
        var team = await FoundingTeam.CreateAsync(factory);
        var a = await team.AddOrganizationAsync("霞美电子光伏产业基地某企业", staff: 300, women: 80);
        var b = await team.AddOrganizationAsync("霞美机械制造装备基地某企业", staff: 260, women: 70);
        var opened = await team.OpenAsync(new { organizationIds = new[] { a, b }, name = "霞美片区产业基地妇联", kind = "industrialBase", mode = "joint", modeReason = "地域相近的基地跨基地联建" });
        var id = Guid.Parse((string)opened["id"]!);
        var instance = Guid.Parse((string)opened["instanceId"]!);
        Assert.Equal(2, ((JsonArray)opened["organizationIds"]!).Count);

        await FoundingTeam.DecideAsync(team.Party, instance, "partyOpinion", "return", new { opinion = "请补充两基地联建协议" });
        await FoundingTeam.DecideAsync(team.Officer, instance, "reviseRequest", "resubmit", comment: "已补充联建协议");
        await FoundingTeam.DecideAsync(team.Party, instance, "partyOpinion", "endorse", new { opinion = "同意" });
        await FoundingTeam.DecideAsync(team.Superior, instance, "preparationApproval", "reject", new { opinion = "两基地已分别组建，不再联建" });

        Assert.Equal("rejected", (string?)(await FoundingTeam.FoundingAsync(team.Officer, id))["status"]);
        var journal = (JsonArray)JsonNode.Parse(await (await factory.AdminAsync()).GetStringAsync($"/api/instances/{instance}/journal"))!;
        Assert.Contains(journal, e => (string?)e!["outcome"] == "reject" && ((string?)e["data"])!.Contains("两基地已分别组建", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Refusals_WrongRegionWrongRoleAndMissingReasons()
    {
        await factory.SeedRegionsAsync();
        var team = await FoundingTeam.CreateAsync(factory);
        var organization = await team.AddOrganizationAsync("官桥某鞋业有限公司", staff: 500, women: 300);

        var noReason = await team.Officer.PostAsJsonAsync("/api/foundings", new { organizationIds = new[] { organization }, name = "某妇联", kind = "enterprise", mode = "hosted" });
        var problem = await noReason.AssertProblemAsync(400, "validation");
        Assert.NotNull(problem["errors"]!["modeReason"]);
        await (await team.Officer.PostAsJsonAsync("/api/foundings", new { organizationIds = new[] { organization }, name = "某妇联", kind = "enterprise", mode = "joint", modeReason = "x" }))
            .AssertProblemAsync(400, "validation");

        var opened = await team.OpenAsync(new { organizationIds = new[] { organization }, name = "官桥某鞋业有限公司妇联", kind = "enterprise", mode = "standalone" });
        var id = (string)opened["id"]!;
        await (await team.NeighbourOfficer.GetAsync($"/api/foundings/{id}")).AssertProblemAsync(404, "not-found");
        await (await team.NeighbourOfficer.GetAsync($"/api/organizations/{organization}")).AssertProblemAsync(404, "not-found");
        Assert.DoesNotContain((JsonArray)JsonNode.Parse(await team.NeighbourOfficer.GetStringAsync("/api/foundings"))!, f => (string?)f!["id"] == id);
        // An admin's region is everywhere: she reads the request and finds it in the list.
        var admin = await factory.AdminAsync();
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync($"/api/foundings/{id}")).StatusCode);
        Assert.Contains((JsonArray)JsonNode.Parse(await admin.GetStringAsync("/api/foundings"))!, f => (string?)f!["id"] == id);
        await (await team.Party.PostAsJsonAsync("/api/foundings", new { organizationIds = new[] { organization }, name = "x", kind = "enterprise", mode = "standalone" }))
            .AssertProblemAsync(403, "forbidden");
        // A second request for the same organization while one is open is a conflict.
        await (await team.Officer.PostAsJsonAsync("/api/foundings", new { organizationIds = new[] { organization }, name = "重复", kind = "enterprise", mode = "standalone" }))
            .AssertProblemAsync(409, "conflict");
        // Candidates cannot be set before the superior federation approves preparation.
        await (await team.Officer.PutAsJsonAsync($"/api/foundings/{id}/candidates", Slate())).AssertProblemAsync(409, "conflict");
    }
}

public sealed class FoundingPathTestsOnSqlite(ServiceFactory factory) : FoundingPathTests(factory), IClassFixture<ServiceFactory>;

public sealed class FoundingPathTestsOnPostgreSql(PostgreSqlService service) : FoundingPathTests(service.Factory), IClassFixture<PostgreSqlService>;
