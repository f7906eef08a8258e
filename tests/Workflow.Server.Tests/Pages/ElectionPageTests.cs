using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Workflow.Server.Tests.Foundings;
using Workflow.Server.Tests.Support;

namespace Workflow.Server.Tests.Pages;

/// <summary>
/// The election page of a founding request: the candidates and the rules as sentences, the count shown before anything is
/// kept, the further round offered from the result, and the same refusals as the API.
/// </summary>
public sealed class ElectionPageTests(ServiceFactory factory) : IClassFixture<ServiceFactory>
{
    private static readonly Dictionary<string, int> FirstRoundVotes = new()
    {
        ["c1"] = 29, ["c2"] = 28, ["c3"] = 28, ["c4"] = 27, ["c5"] = 27, ["c6"] = 26, ["c7"] = 26, ["c8"] = 26, ["c9"] = 20, ["c10"] = 12,
    };

    private async Task<(FoundingTeam Team, HttpClient Officer, Guid Id)> AtTheElectionAsync(string name)
    {
        await factory.SeedRegionsAsync();
        var team = await FoundingTeam.CreateAsync(factory);
        var (id, _) = await team.ToTheElectionAsync(name, ElectionRoundsApiTests.Slate(factory.Today()));
        return (team, await factory.SignInPageAsync($"f-officer-{team.Tag}"), id);
    }

    /// <summary>One round's fields as the form names them; ballots issued are those present unless said otherwise.</summary>
    private static Dictionary<string, string> Round(int index, int due, int present, Dictionary<string, int> votes, int? returned = null, Dictionary<string, string>? into = null)
    {
        var fields = into ?? new Dictionary<string, string>();
        var prefix = $"Rounds[{index}]";
        fields[$"{prefix}.Due"] = $"{due}";
        fields[$"{prefix}.Present"] = $"{present}";
        fields[$"{prefix}.BallotsIssued"] = $"{present}";
        fields[$"{prefix}.BallotsReturned"] = $"{returned ?? present}";
        fields[$"{prefix}.InvalidBallots"] = "0";
        var i = 0;
        foreach (var (candidate, count) in votes)
        {
            fields[$"{prefix}.Candidates[{i++}]"] = candidate;
            fields[$"{prefix}.Votes[{candidate}]"] = $"{count}";
        }
        return fields;
    }

    private static Dictionary<string, string> Stage(string stage, Dictionary<string, string> fields) => new(fields) { ["Stage"] = stage };

    [Fact]
    public async Task ThePageShowsProfilesAndRules_AndThePreviewExplainsWithoutStoring()
    {
        var (team, officer, id) = await AtTheElectionAsync("南安某石雕有限公司");
        var path = $"/foundings/{id}/election";

        var page = await officer.GetStringAsync(path);
        Assert.Contains("候选人10", page, StringComparison.Ordinal);
        Assert.Contains("南安某石材有限公司", page, StringComparison.Ordinal);
        Assert.Contains("本科", page, StringComparison.Ordinal);
        Assert.Contains("应选执委 9 名，执委候选人 10 名，差额 1 名。", page, StringComparison.Ordinal);
        Assert.Contains("到会人数超过应到人数的半数，方可进行选举。", page, StringComparison.Ordinal);
        Assert.Contains("执委候选人得票超过应到代表人数的半数，始得当选。", page, StringComparison.Ordinal);
        Assert.Contains("<label for=\"round1-Due\">应到人数", page, StringComparison.Ordinal);
        Assert.Contains("id=\"record-election-link\"", await officer.GetStringAsync($"/foundings/{id}"), StringComparison.Ordinal);
        // The as-you-type count is a script file of the service's own (no inline script under the CSP).
        Assert.Matches("<script src=\"/js/election-preview.js\\?v=[^\"]+\"></script>", page);
        Assert.Equal(HttpStatusCode.OK, (await officer.GetAsync("/js/election-preview.js")).StatusCode);

        var preview = await officer.PostFormAsync($"{path}?handler=Preview", Stage("Congress", Round(0, 50, 30, FirstRoundVotes)), formPage: path);
        var shown = await preview.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, preview.StatusCode);
        Assert.Contains("应到代表50名，实到30名，超过应到人数的半数，选举有效。", shown, StringComparison.Ordinal);
        Assert.Contains("尚有空缺名额，可另行选举", shown, StringComparison.Ordinal);
        Assert.Contains("id=\"add-round\"", shown, StringComparison.Ordinal);

        // More ballots back than issued: explained beside the figures, and still nothing kept.
        var rejected = await officer.PostFormAsync($"{path}?handler=Preview", Stage("Congress", Round(0, 50, 30, FirstRoundVotes, returned: 31)), formPage: path);
        Assert.Contains("记录数字不符，请核对", await rejected.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        // A figure left blank is named next to its field.
        var blank = Round(0, 50, 30, FirstRoundVotes);
        blank["Rounds[0].Present"] = "";
        var missing = await officer.PostFormAsync($"{path}?handler=Preview", Stage("Congress", blank), formPage: path);
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        Assert.Contains("id=\"round1-Present-error\">请填写不小于 0 的整数。", await missing.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        Assert.Empty((JsonArray)(await FoundingTeam.FoundingAsync(team.Officer, id))["elections"]!);
    }

    [Fact]
    public async Task ASecondRoundFillsTheOpenSeat_AndTheRecordShowsOnTheRequestPage()
    {
        var (team, officer, id) = await AtTheElectionAsync("南安某石艺有限公司");
        var path = $"/foundings/{id}/election";

        // From the result, the further round: the not-elected candidates the count proposed, the same people due.
        var next = await officer.PostFormAsync($"{path}?handler=NextRound", Stage("Congress", Round(0, 50, 30, FirstRoundVotes)), formPage: path);
        var form = await next.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, next.StatusCode);
        Assert.Contains("id=\"round-2\"", form, StringComparison.Ordinal);
        Assert.Contains("name=\"Rounds[1].Votes[c9]\"", form, StringComparison.Ordinal);
        Assert.Contains("name=\"Rounds[1].Votes[c10]\"", form, StringComparison.Ordinal);
        Assert.DoesNotContain("name=\"Rounds[1].Votes[c1]\"", form, StringComparison.Ordinal);
        Assert.Contains("id=\"round2-Due\" name=\"Rounds[1].Due\" value=\"50\"", form, StringComparison.Ordinal);

        var fields = Round(1, 50, 29, new() { ["c9"] = 27, ["c10"] = 2 }, into: Round(0, 50, 30, FirstRoundVotes));
        var recorded = await officer.PostFormAsync($"{path}?handler=Record", Stage("Congress", fields), formPage: path);
        Assert.Equal(HttpStatusCode.Redirect, recorded.StatusCode);
        Assert.Contains("妇女大会第 1 次选举已记录：选举有效。", await officer.GetStringAsync(recorded.Headers.Location!.ToString()), StringComparison.Ordinal);

        var request = await officer.GetStringAsync($"/foundings/{id}");
        Assert.Contains("候选人9（27）", request, StringComparison.Ordinal);
        var stored = (JsonArray)(await FoundingTeam.FoundingAsync(team.Officer, id))["elections"]!;
        Assert.Equal(("valid", 0), ((string?)stored.Single()!["status"], (int)stored.Single()!["seatsVacant"]!));
    }

    [Fact]
    public async Task TheChairIsKept_WhileAViceChairPostIsVotedAgain()
    {
        var (team, officer, id) = await AtTheElectionAsync("南安某石业有限公司");
        var congress = await team.Officer.PostAsJsonAsync($"/api/foundings/{id}/elections", new
        {
            stage = "congress",
            rounds = new[] { ElectionRoundsApiTests.FirstCongressRound, ElectionRoundsApiTests.Round(50, 29, new() { ["c9"] = 27, ["c10"] = 2 }) },
        });
        Assert.True(congress.IsSuccessStatusCode, await congress.Content.ReadAsStringAsync());
        var path = $"/foundings/{id}/election";

        var page = await officer.GetStringAsync($"{path}?stage=FirstExecutiveMeeting");
        Assert.Contains("name=\"Rounds[0].Votes[c3]\"", page, StringComparison.Ordinal);
        var first = Stage("FirstExecutiveMeeting", Round(0, 9, 9, new() { ["c1"] = 8, ["c2"] = 7, ["c3"] = 4 }));
        var preview = await officer.PostFormAsync($"{path}?handler=Preview", first, formPage: path);
        var shown = await preview.Content.ReadAsStringAsync();
        Assert.Contains("候选人1（主席，8 票，第 1 轮）", shown, StringComparison.Ordinal);
        Assert.Contains("副主席 1 名，候选人：候选人3", shown, StringComparison.Ordinal);

        var next = await (await officer.PostFormAsync($"{path}?handler=NextRound", first, formPage: path)).Content.ReadAsStringAsync();
        Assert.Contains("name=\"Rounds[1].Votes[c3]\"", next, StringComparison.Ordinal);
        Assert.DoesNotContain("name=\"Rounds[1].Votes[c1]\"", next, StringComparison.Ordinal);

        var both = Stage("FirstExecutiveMeeting", Round(1, 9, 9, new() { ["c3"] = 6 }, into: Round(0, 9, 9, new() { ["c1"] = 8, ["c2"] = 7, ["c3"] = 4 })));
        var recorded = await officer.PostFormAsync($"{path}?handler=Record", both, formPage: path);
        Assert.Equal(HttpStatusCode.Redirect, recorded.StatusCode);
        var meeting = ((JsonArray)(await FoundingTeam.FoundingAsync(team.Officer, id))["elections"]!).Single(e => (string?)e!["stage"] == "firstExecutiveMeeting")!;
        Assert.Equal([("c1", "chair", 1), ("c2", "viceChair", 1), ("c3", "viceChair", 2)],
            ((JsonArray)meeting["elected"]!).Select(e => ((string)e!["candidateId"]!, (string)e["role"]!, (int)e["round"]!)));
        Assert.Contains("候选人3（6）", await officer.GetStringAsync($"/foundings/{id}"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnotherRegionAnApproverAndAMissingToken_AreRefused()
    {
        var (team, officer, id) = await AtTheElectionAsync("南安某石板有限公司");
        var path = $"/foundings/{id}/election";
        var fields = Stage("Congress", Round(0, 50, 30, FirstRoundVotes));

        var neighbour = await factory.SignInPageAsync($"f-neighbour-{team.Tag}");
        Assert.Equal(HttpStatusCode.NotFound, (await neighbour.GetAsync(path)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await neighbour.PostFormAsync($"{path}?handler=Preview", fields, formPage: "/foundings")).StatusCode);

        var party = await factory.SignInPageAsync($"f-party-{team.Tag}");
        Assert.Equal(HttpStatusCode.Forbidden, (await party.GetAsync(path)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await party.PostFormAsync($"{path}?handler=Record", fields, formPage: "/foundings")).StatusCode);

        var untokened = await officer.PostAsync($"{path}?handler=Record", new FormUrlEncodedContent(fields));
        Assert.Equal(HttpStatusCode.BadRequest, untokened.StatusCode);
        Assert.Empty((JsonArray)(await FoundingTeam.FoundingAsync(team.Officer, id))["elections"]!);
    }

    /// <summary>The candidate form's fields for <paramref name="count"/> candidates c1…, the first chair, the next two vice-chairs.</summary>
    private Dictionary<string, string> CandidateList(int count, int executiveSeats = 9)
    {
        var fields = new Dictionary<string, string>
        {
            ["List.ExecutiveSeats"] = $"{executiveSeats}", ["List.ViceChairSeats"] = "2",
            ["List.CongressDate"] = factory.Today().ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), ["List.Quorum"] = "MoreThanHalf",
        };
        for (var i = 0; i < count; i++)
        {
            var prefix = $"List.Candidates[{i}]";
            fields[$"{prefix}.Id"] = $"c{i + 1}";
            fields[$"{prefix}.Name"] = $"候选人{i + 1}";
            fields[$"{prefix}.Gender"] = "Female";
            fields[$"{prefix}.BirthYear"] = $"{1980 + i}";
            fields[$"{prefix}.PoliticalStatus"] = "Masses";
            fields[$"{prefix}.Education"] = "Bachelor";
            fields[$"{prefix}.Organization"] = "南安某石材有限公司";
            fields[$"{prefix}.Title"] = "职工";
            fields[$"{prefix}.Nomination"] = i == 0 ? "Chair" : i < 3 ? "ViceChair" : "Executive";
        }
        return fields;
    }

    [Fact]
    public async Task CandidatesAreAddedRemovedAndSavedOnThePage_WhileTheRequestIsInPreparation()
    {
        await factory.SeedRegionsAsync();
        var team = await FoundingTeam.CreateAsync(factory);
        var (id, _) = await team.ToPreparationAsync("南安某石雕工艺有限公司");
        var officer = await factory.SignInPageAsync($"f-officer-{team.Tag}");
        var path = $"/foundings/{id}/election";

        var empty = await officer.GetStringAsync(path);
        Assert.Contains("name=\"List.Candidates[0].Name\"", empty, StringComparison.Ordinal);
        Assert.Contains("<label for=\"candidate1-BirthYear\">出生年份", empty, StringComparison.Ordinal);

        // Adding keeps what was typed and gives the new row an id of its own; removing takes out only that row.
        var added = await (await officer.PostFormAsync($"{path}?handler=AddCandidate", CandidateList(2), formPage: path)).Content.ReadAsStringAsync();
        Assert.Contains("value=\"候选人2\"", added, StringComparison.Ordinal);
        Assert.Contains("name=\"List.Candidates[2].Id\" value=\"c3\"", added, StringComparison.Ordinal);
        var removed = await (await officer.PostFormAsync($"{path}?handler=RemoveCandidate", new(CandidateList(3)) { ["remove"] = "1" }, formPage: path)).Content.ReadAsStringAsync();
        Assert.DoesNotContain("value=\"候选人2\"", removed, StringComparison.Ordinal);
        Assert.Contains("value=\"候选人3\"", removed, StringComparison.Ordinal);

        // Too few candidates for 差额: the service's reason is shown and nothing is stored.
        var refused = await officer.PostFormAsync($"{path}?handler=SaveCandidates", CandidateList(9), formPage: path);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("执委实行差额选举:9个名额至少需要10名候选人,现有9名。", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Null((await FoundingTeam.FoundingAsync(team.Officer, id))["slate"]);

        var saved = await officer.PostFormAsync($"{path}?handler=SaveCandidates", CandidateList(10), formPage: path);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Contains("候选人名单已保存，共 10 名。", await officer.GetStringAsync(saved.Headers.Location!.ToString()), StringComparison.Ordinal);
        var slate = (await FoundingTeam.FoundingAsync(team.Officer, id))["slate"]!;
        Assert.Equal(10, ((JsonArray)slate["executiveCandidates"]!).Count);
        Assert.Equal("c1", (string?)slate["leadership"]!["chairCandidateIds"]![0]);
        Assert.Equal("moreThanHalf", (string?)slate["procedure"]!["quorum"]);

        // Edited later from the stored list: the form starts from it.
        Assert.Contains("name=\"List.Candidates[9].Name\" value=\"候选人10\"", await officer.GetStringAsync(path), StringComparison.Ordinal);

        // Rules that say 三分之二以上 (the number included) are a choice of their own.
        var twoThirds = await officer.PostFormAsync($"{path}?handler=SaveCandidates", new(CandidateList(10)) { ["List.Quorum"] = "TwoThirdsOrMore" }, formPage: path);
        Assert.Equal(HttpStatusCode.Redirect, twoThirds.StatusCode);
        Assert.Equal("twoThirdsOrMore", (string?)(await FoundingTeam.FoundingAsync(team.Officer, id))["slate"]!["procedure"]!["quorum"]);
        Assert.Contains("<option value=\"TwoThirdsOrMore\" selected=\"selected\">应到人数的三分之二以上（含本数）", await officer.GetStringAsync(path), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheCandidateList_IsRefusedToAnotherRegionAndOutsidePreparation()
    {
        var (team, officer, id) = await AtTheElectionAsync("南安某石刻有限公司");
        var path = $"/foundings/{id}/election";

        Assert.DoesNotContain("id=\"candidate-form\"", await officer.GetStringAsync(path), StringComparison.Ordinal);
        var late = await officer.PostFormAsync($"{path}?handler=SaveCandidates", CandidateList(10, executiveSeats: 8), formPage: path);
        Assert.Equal(HttpStatusCode.Conflict, late.StatusCode);
        Assert.Contains("本申请当前不在筹备步骤", await late.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(9, (int)(await FoundingTeam.FoundingAsync(team.Officer, id))["slate"]!["executiveSeats"]!);

        var neighbour = await factory.SignInPageAsync($"f-neighbour-{team.Tag}");
        Assert.Equal(HttpStatusCode.NotFound, (await neighbour.PostFormAsync($"{path}?handler=SaveCandidates", CandidateList(10), formPage: "/foundings")).StatusCode);
    }
}
