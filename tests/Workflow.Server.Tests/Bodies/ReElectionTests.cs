using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Workflow.Federation.Common;
using Workflow.Server.Accounts;
using Workflow.Server.Tests.Foundings;
using Workflow.Server.Tests.Support;
using static Workflow.Server.Tests.Foundings.ElectionRoundsApiTests;

namespace Workflow.Server.Tests.Bodies;

/// <summary>
/// 换届 as a real election: six months before the term ends the re-election request runs the founding's election steps
/// (<c>workflows/election.json</c>), the new leadership replaces the old, both terms stay in the body's history, and the
/// rotation and duty groups are planned again from the new committee.
/// </summary>
public sealed class ReElectionTests
{
    [Fact]
    public async Task SixMonthsBeforeTheTermEnds_TheBodyElectsANewCommittee_WhichReplacesTheOldAndPlansTheRotationAndDutyGroups()
    {
        await using var factory = new ServiceFactory();
        await factory.SeedRegionsAsync();
        var team = await FoundingTeam.CreateAsync(factory);
        var founded = factory.Today();
        var bodyId = await FoundAsync(factory, team);
        Assert.Equal(9, (await InvitationsAsync(team, bodyId)).Count);
        var oldChair = await LinkEveryLeaderAsync(factory, team, bodyId, "old");
        Assert.Equal(oldChair, (string?)((JsonArray)(await GetAsync(team.Officer, $"/api/bodies/{bodyId}/rotation"))["order"]!)[0]);

        // Six months before the term ends the request opens; the officers schedule the election with the outgoing committee.
        var termEnd = founded.AddYears(5);
        await factory.RunTimersUntilAsync(ChinaInstant.At(termEnd.AddMonths(-6), new TimeOnly(9, 0)).Utc);
        // Four and a half years on, everyone signs in again.
        team = await FoundingTeam.SignInAsync(factory, team.Tag);
        var reElection = Assert.Single((JsonArray)(await GetAsync(team.Officer, "/api/tasks?definitionId=re-election&show=all&pageSize=200"))["items"]!)!;
        var congress = factory.Today();
        var scheduled = await team.Officer.PostAsJsonAsync($"/api/tasks/{reElection["id"]}/decision",
            new { outcome = "scheduled", form = new { electionDate = Iso(congress), note = "本届执委会提出候选人建议名单" } });
        Assert.True(scheduled.IsSuccessStatusCode, await scheduled.Content.ReadAsStringAsync());

        // The same election steps as at founding, for the body's own request: nominations, party check, approvals, congress.
        var prepare = ((JsonArray)(await GetAsync(team.Officer, "/api/tasks?definitionId=election&activityId=prepare&show=all&pageSize=200"))["items"]!)
            .Single(t => (string?)t!["subject"]?["bodyId"] == bodyId)!;
        var request = Guid.Parse((string)prepare["subject"]!["foundingRequestId"]!);
        Assert.Equal("open", (string?)(await FoundingTeam.FoundingAsync(team.Officer, request))["status"]);
        var set = await team.Officer.PutAsJsonAsync($"/api/foundings/{request}/candidates", Slate(congress, names: "新一届候选人"));
        Assert.True(set.IsSuccessStatusCode, await set.Content.ReadAsStringAsync());
        await FoundingTeam.DecideForRequestAsync(team.Officer, request, "prepare", "submit");
        await FoundingTeam.DecideForRequestAsync(team.Party, request, "candidateReview", "approve", new { opinion = "同意" });
        await FoundingTeam.DecideForRequestAsync(team.Superior, request, "candidateApproval", "approve");
        await ElectAsync(team, request);
        await FoundingTeam.DecideForRequestAsync(team.Officer, request, "election", "recorded");
        await FoundingTeam.DecideForRequestAsync(team.Party, request, "resultParty", "approve", new { opinion = "同意选举结果" });
        await FoundingTeam.DecideForRequestAsync(team.Superior, request, "resultFiling", "approve", new { opinion = "准予备案" });

        // The new committee is in office from the congress for five years; the old one is kept, its term closed that day.
        Assert.Equal("reElected", (string?)(await FoundingTeam.FoundingAsync(team.Officer, request))["status"]);
        var body = await GetAsync(team.Officer, $"/api/bodies/{bodyId}");
        Assert.Equal(Iso(congress.AddYears(5)), (string?)body["termEndsOn"]);
        var leaders = (JsonArray)body["leaders"]!;
        Assert.Equal(9, leaders.Count);
        Assert.All(leaders, l => Assert.StartsWith("新一届候选人", (string?)l!["name"], StringComparison.Ordinal));
        Assert.Equal("新一届候选人1", (string?)leaders.Single(l => (string?)l!["role"] == "chair")!["name"]);
        var former = (JsonArray)body["formerLeaders"]!;
        Assert.Equal(9, former.Count);
        Assert.All(former, l => Assert.Equal(Iso(congress), (string?)l!["termEnd"]));
        Assert.Equal("候选人1", (string?)former.Single(l => (string?)l!["role"] == "chair")!["name"]);
        // The old committee's unused codes are withdrawn with its term; the new committee gave no addresses.
        Assert.Empty(await InvitationsAsync(team, bodyId));

        // Both terms in the history, with the re-election's decisions and votes.
        var history = (JsonArray)JsonNode.Parse(await team.Officer.GetStringAsync($"/api/bodies/{bodyId}/history"))!;
        var terms = history.Where(e => (string?)e!["kind"] == "term").ToList();
        Assert.Equal(["closed", "current"], terms.Select(t => (string?)t!["outcome"]));
        Assert.StartsWith("第1届领导班子", (string?)terms[0]!["step"], StringComparison.Ordinal);
        Assert.Contains("主席：候选人1", (string?)terms[0]!["note"], StringComparison.Ordinal);
        Assert.Contains("主席：新一届候选人1", (string?)terms[1]!["note"], StringComparison.Ordinal);
        Assert.Contains(history, e => (string?)e!["kind"] == "re-election" && (string?)e["step"] == "党组织审查候选人");
        Assert.Contains(history, e => (string?)e!["kind"] == "election" && ((string?)e["note"] ?? "").Contains("新一届候选人9", StringComparison.Ordinal));
        Assert.Equal("founding", (string?)history[0]!["kind"]);

        // Once the new leaders are linked, the rotation and the duty groups are planned again from them; the next term has its request.
        var newChair = await LinkEveryLeaderAsync(factory, team, bodyId, "new");
        var rotation = await GetAsync(team.Officer, $"/api/bodies/{bodyId}/rotation");
        Assert.Equal(newChair, (string?)((JsonArray)rotation["order"]!)[0]);
        Assert.Equal(Iso(congress.AddYears(5)), (string?)rotation["termEnd"]);
        var newAccounts = ((JsonArray)(await GetAsync(team.Officer, $"/api/bodies/{bodyId}"))["leaders"]!).Select(l => (string?)l!["userId"]).ToHashSet();
        var groups = (JsonArray)(await GetAsync(team.Officer, $"/api/bodies/{bodyId}/duty-groups"))["groups"]!;
        var members = groups.SelectMany(g => ((JsonArray)g!["memberIds"]!).Select(m => (string?)m)).ToList();
        Assert.Equal(9, members.Count);
        Assert.All(members, m => Assert.Contains(m, newAccounts));
        Assert.Contains(await factory.FollowUpsAsync(Guid.Parse(bodyId), "re-election:"), f => f.Key == $"re-election:{Iso(congress.AddYears(5))}");
    }

    /// <summary>A standalone enterprise federation founded today through every step, elected from 候选人1–10 (each with an e-mail address) with 候选人1 as chair.</summary>
    private static async Task<string> FoundAsync(ServiceFactory factory, FoundingTeam team)
    {
        var (id, instance) = await team.ToTheElectionAsync("南安某换届石业有限公司", Slate(factory.Today(), emails: true));
        await ElectAsync(team, id);
        await FoundingTeam.DecideAsync(team.Officer, instance, "election", "recorded");
        await FoundingTeam.DecideAsync(team.Party, instance, "resultParty", "approve", new { opinion = "同意" });
        await FoundingTeam.DecideAsync(team.Superior, instance, "resultFiling", "approve", new { opinion = "准予备案" });
        await FoundingTeam.DecideAsync(team.Registrar, instance, "registration", "register",
            new { registrationNumber = "南妇登〔2026〕88号", foundingDate = Iso(factory.Today()) });
        return (string)(await FoundingTeam.FoundingAsync(team.Officer, id))["bodyId"]!;
    }

    /// <summary>The congress elects nine of ten in two rounds (另行选举 for the last seat); the first executive meeting elects c1 chair, c2 and c3 vice-chairs.</summary>
    private static async Task ElectAsync(FoundingTeam team, Guid request)
    {
        foreach (var meeting in new object[]
        {
            new { stage = "congress", rounds = new[] { FirstCongressRound, Round(50, 29, new() { ["c9"] = 27, ["c10"] = 2 }) } },
            new { stage = "firstExecutiveMeeting", rounds = new[] { Round(9, 9, new() { ["c1"] = 9, ["c2"] = 8, ["c3"] = 8 }) } },
        })
        {
            var recorded = await team.Officer.PostAsJsonAsync($"/api/foundings/{request}/elections", meeting);
            Assert.True(recorded.IsSuccessStatusCode, await recorded.Content.ReadAsStringAsync());
        }
    }

    /// <summary>Links every leader in office to a new account, as an officer does; returns the chair's account.</summary>
    private static async Task<string> LinkEveryLeaderAsync(ServiceFactory factory, FoundingTeam team, string bodyId, string tag)
    {
        var leaders = (JsonArray)(await GetAsync(team.Officer, $"/api/bodies/{bodyId}"))["leaders"]!;
        string? chair = null;
        foreach (var (leader, i) in leaders.Select((l, i) => (l!, i)))
        {
            var account = await factory.CreateUserAsync($"re-{tag}-{team.Tag}-{i}", Roles.Chair, TestRegions.Village);
            var linked = await team.Officer.PutAsJsonAsync($"/api/bodies/{bodyId}/leaders/{leader["id"]}/account", new { userId = account });
            Assert.True(linked.IsSuccessStatusCode, await linked.Content.ReadAsStringAsync());
            if ((string?)leader["role"] == "chair") chair = account.ToString();
        }
        return chair ?? throw new Xunit.Sdk.XunitException("no chair among the leaders");
    }

    private static async Task<JsonArray> InvitationsAsync(FoundingTeam team, string bodyId) =>
        (JsonArray)JsonNode.Parse(await team.Officer.GetStringAsync($"/api/bodies/{bodyId}/invitations"))!;

    private static async Task<JsonObject> GetAsync(HttpClient client, string path)
    {
        var response = await client.GetAsync(path);
        var body = await response.ReadObjectAsync();
        Assert.True(response.IsSuccessStatusCode, body.ToJsonString());
        return body;
    }

    private static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
