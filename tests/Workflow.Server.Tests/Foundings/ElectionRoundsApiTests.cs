using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Workflow.Server.Tests.Support;

namespace Workflow.Server.Tests.Foundings;

/// <summary>
/// The election steps through HTTP: the request's own election rules, rounds recorded and previewed, and the votes in the
/// request's and the body's history.
/// </summary>
public sealed class ElectionRoundsApiTests(ServiceFactory factory) : IClassFixture<ServiceFactory>
{
    /// <summary>An enterprise federation: 9 executive seats (9–15), 10 candidates, 2 vice-chairs; its rules say more than half must be present.</summary>
    /// <param name="congress">The congress's date: today on the service's clock, since results of a congress not yet held are refused.</param>
    /// <param name="names">What the candidates' names start with: a re-election elects other people than the founding did.</param>
    /// <param name="emails">Whether every candidate gave an e-mail address, so that the elected are invited.</param>
    internal static object Slate(DateOnly congress, object? procedure = null, string names = "候选人", bool emails = false) => new
    {
        executiveSeats = 9,
        viceChairSeats = 2,
        congressDate = congress.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        executiveCandidates = Enumerable.Range(1, 10).Select(i => new
        {
            id = $"c{i}", name = $"{names}{i}", gender = "female", organization = "南安某石材有限公司", title = "职工", birthYear = 1980 + i,
            politicalStatus = "masses", education = "bachelor", email = emails ? $"c{i}@example.cn" : null,
        }).ToArray(),
        chairCandidateIds = new[] { "c1" },
        viceChairCandidateIds = new[] { "c2", "c3" },
        procedure = procedure ?? new { quorum = "moreThanHalf" },
    };

    internal static object Round(int due, int present, Dictionary<string, int> votes, int? returned = null) =>
        new { due, present, ballotsIssued = present, ballotsReturned = returned ?? present, invalidBallots = 0, votesByCandidate = votes };

    // 50 delegates due, 30 present: more than half (the request's rules) though not more than two-thirds (the configured default).
    internal static readonly object FirstCongressRound = Round(50, 30, new() { ["c1"] = 29, ["c2"] = 28, ["c3"] = 28, ["c4"] = 27, ["c5"] = 27, ["c6"] = 26, ["c7"] = 26, ["c8"] = 26, ["c9"] = 20, ["c10"] = 12 });
    private static readonly object SecondCongressRound = Round(50, 29, new() { ["c9"] = 27, ["c10"] = 2 });

    private async Task<(FoundingTeam Team, Guid Id, Guid Instance)> AtTheElectionAsync()
    {
        await factory.SeedRegionsAsync();
        var team = await FoundingTeam.CreateAsync(factory);
        var (id, instance) = await team.ToTheElectionAsync("南安某石材有限公司", Slate(factory.Today()));
        return (team, id, instance);
    }

    private static async Task<JsonObject> PostAsync(HttpClient client, string path, object body)
    {
        var response = await client.PostAsJsonAsync(path, body);
        var json = await response.ReadObjectAsync();
        Assert.True(response.IsSuccessStatusCode, json.ToJsonString());
        return json;
    }

    [Fact]
    public async Task ASecondRoundFillsTheOpenSeat_ThePreviewShowsItFirst_AndTheHistoryKeepsEveryRound()
    {
        var (team, id, instance) = await AtTheElectionAsync();
        var stored = (JsonObject)(await FoundingTeam.FoundingAsync(team.Officer, id))["slate"]!["procedure"]!;
        // The request's rules are stored whole: what the preparatory group set, and the configured defaults for the rest.
        Assert.Equal(("moreThanHalf", "ofThoseDue", 1), ((string?)stored["quorum"], (string?)stored["majorityBasis"], (int)stored["executiveMargin"]!));

        // The officer types the first round: eight elected, one seat open, and the further round's candidates by first-round votes.
        var preview = await PostAsync(team.Officer, $"/api/foundings/{id}/elections/preview", new { stage = "congress", rounds = new[] { FirstCongressRound } });
        Assert.Equal("undecided", (string?)preview["status"]);
        Assert.Null(preview["recordedBy"]);
        Assert.Equal(["c9", "c10"], ((JsonArray)preview["nextRound"]![0]!["candidateIds"]!).Select(c => (string)c!));
        var quorum = ((JsonArray)preview["rounds"]![0]!["explanations"]!).Single(e => (string?)e!["code"] == "election.quorum-met");
        Assert.Equal("应到代表50名，实到30名，超过应到人数的半数，选举有效。", (string?)quorum!["chinese"]);
        Assert.Empty((JsonArray)(await FoundingTeam.FoundingAsync(team.Officer, id))["elections"]!);

        // A void round is shown while typing and refused when recorded.
        var voided = await PostAsync(team.Officer, $"/api/foundings/{id}/elections/preview", new { stage = "congress", rounds = new[] { Round(50, 30, new() { ["c1"] = 29 }, returned: 31) } });
        Assert.Equal("recordRejected", (string?)voided["status"]);
        var refused = await team.Officer.PostAsJsonAsync($"/api/foundings/{id}/elections", new { stage = "congress", rounds = new[] { Round(50, 30, new() { ["c1"] = 29 }, returned: 31) } });
        var problem = await refused.AssertProblemAsync(422, "rule-refused");
        Assert.Contains((JsonArray)problem["explanations"]!, e => (string?)e!["code"] == "election.vote-void");

        var congress = await PostAsync(team.Officer, $"/api/foundings/{id}/elections", new { stage = "congress", rounds = new[] { FirstCongressRound, SecondCongressRound } });
        Assert.Equal("valid", (string?)congress["status"]);
        Assert.Equal(0, (int)congress["seatsVacant"]!);
        var c9 = ((JsonArray)congress["elected"]!).Single(e => (string?)e!["candidateId"] == "c9")!;
        Assert.Equal((2, 27), ((int)c9["round"]!, (int)c9["votes"]!));

        // First executive meeting: the chair and one vice-chair elected, the other vice-chair post voted again.
        var meeting = await PostAsync(team.Officer, $"/api/foundings/{id}/elections", new
        {
            stage = "firstExecutiveMeeting",
            rounds = new[] { Round(9, 9, new() { ["c1"] = 8, ["c2"] = 7, ["c3"] = 4 }), Round(9, 9, new() { ["c3"] = 6 }) },
        });
        Assert.Equal("valid", (string?)meeting["status"]);
        Assert.Equal([("c1", "chair", 1), ("c2", "viceChair", 1), ("c3", "viceChair", 2)],
            ((JsonArray)meeting["elected"]!).Select(e => ((string)e!["candidateId"]!, (string)e["role"]!, (int)e["round"]!)));
        await FoundingTeam.DecideAsync(team.Officer, instance, "election", "recorded");

        var history = (JsonArray)JsonNode.Parse(await team.Officer.GetStringAsync($"/api/foundings/{id}/history"))!;
        var nomination = history.Single(e => (string?)e!["kind"] == "nomination")!;
        Assert.Contains("到会人数超过应到人数的半数方可选举", (string?)nomination["note"], StringComparison.Ordinal);
        Assert.Contains("候选人10", (string?)nomination["note"], StringComparison.Ordinal);
        var votes = history.Where(e => (string?)e!["kind"] == "election").Select(e => (string)e!["step"]!).ToList();
        Assert.Equal(["妇女大会第1次选举第1轮", "妇女大会第1次选举第2轮", "妇女大会第1次选举结果", "第一次执委会议第1次选举第1轮", "第一次执委会议第1次选举第2轮", "第一次执委会议第1次选举结果"], votes);
        Assert.Contains("候选人9（27票）", (string?)history.Single(e => (string?)e!["step"] == "妇女大会第1次选举第2轮")!["note"], StringComparison.Ordinal);

        await FoundingTeam.DecideAsync(team.Party, instance, "resultParty", "approve", new { opinion = "同意" });
        await FoundingTeam.DecideAsync(team.Superior, instance, "resultFiling", "approve", new { opinion = "准予备案" });
        await FoundingTeam.DecideAsync(team.Registrar, instance, "registration", "register", new { registrationNumber = "南妇登〔2026〕21号", foundingDate = factory.Today().ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) });
        var bodyId = (string?)(await FoundingTeam.FoundingAsync(team.Officer, id))["bodyId"];
        var bodyHistory = (JsonArray)JsonNode.Parse(await team.Officer.GetStringAsync($"/api/bodies/{bodyId}/history"))!;
        Assert.Contains(bodyHistory, e => (string?)e!["step"] == "第一次执委会议第1次选举第2轮");
    }

    [Fact]
    public async Task PreviewAndHistory_AreRefusedOutsideTheRegionAndToApprovers()
    {
        var (team, id, _) = await AtTheElectionAsync();
        var body = new { stage = "congress", rounds = new[] { FirstCongressRound } };

        await (await team.NeighbourOfficer.PostAsJsonAsync($"/api/foundings/{id}/elections/preview", body)).AssertProblemAsync(404, "not-found");
        await (await team.NeighbourOfficer.GetAsync($"/api/foundings/{id}/history")).AssertProblemAsync(404, "not-found");
        await (await team.Party.PostAsJsonAsync($"/api/foundings/{id}/elections/preview", body)).AssertProblemAsync(403, "forbidden");
    }

    [Fact]
    public async Task ElectionRulesThatCannotWork_AreRefusedWithTheReason()
    {
        await factory.SeedRegionsAsync();
        var team = await FoundingTeam.CreateAsync(factory);
        var organization = await team.AddOrganizationAsync("南安某陶瓷有限公司", staff: 300, women: 100);
        var opened = await team.OpenAsync(new { organizationIds = new[] { organization }, name = "南安某陶瓷有限公司妇联", kind = "enterprise", mode = "standalone" });
        var instance = Guid.Parse((string)opened["instanceId"]!);
        await FoundingTeam.DecideAsync(team.Party, instance, "partyOpinion", "endorse", new { opinion = "同意" });
        await FoundingTeam.DecideAsync(team.Superior, instance, "preparationApproval", "approve", new { opinion = "同意筹建" });

        var problem = await (await team.Officer.PutAsJsonAsync($"/api/foundings/{opened["id"]}/candidates", Slate(factory.Today(), new { executiveMargin = 0 })))
            .AssertProblemAsync(422, "rule-refused");

        Assert.Contains((JsonArray)problem["explanations"]!, e => (string?)e!["code"] == "election.margin-too-small");
    }
}
