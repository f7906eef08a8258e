using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Workflow.Federation.Invitations;
using Workflow.Server.Notifications;
using Workflow.Server.Storage;
using Workflow.Server.Tests.Foundings;
using Workflow.Server.Tests.Support;

namespace Workflow.Server.Tests.Bodies;

/// <summary>
/// Accounts for the elected: registration invites each leader with a phone or e-mail; the code goes to her alone and sets
/// her password once, with the role her post asks for; officers of the region re-issue a lost or expired code.
/// </summary>
public sealed partial class LeaderInvitationTests
{
    private const string ChairPhone = "13905951234";
    private const string ChairEmail = "c1@example.cn";
    private const string MemberEmail = "c4@example.cn";
    private const string Password = "Xiuying-2026";

    /// <summary>The chair gave her phone number and e-mail, one executive her e-mail; the others gave nothing, and are left for an officer to link.</summary>
    private static object Slate(ServiceFactory factory) => new
    {
        executiveSeats = 9,
        viceChairSeats = 2,
        congressDate = factory.Today().ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        executiveCandidates = Enumerable.Range(1, 10).Select(i => new
        {
            id = $"c{i}", name = $"邀请候选人{i}", gender = "female", organization = "南安某石业有限公司", title = "职工", birthYear = 1980 + i,
            politicalStatus = "masses", education = "bachelor",
            phone = i == 1 ? ChairPhone : null, email = i switch { 1 => ChairEmail, 4 => MemberEmail, _ => null },
        }).ToArray(),
        chairCandidateIds = new[] { "c1" },
        viceChairCandidateIds = new[] { "c2", "c3" },
        procedure = new { quorum = "moreThanHalf" },
    };

    [Fact]
    public async Task EachElectedLeader_GetsHerCodeAlone_AcceptsWithTheRoleOfHerPost_AndTheLastLinkPlansTheBodyAndClosesItsSetUp()
    {
        await using var channels = new Channels();
        await using var factory = channels.Configure(new ServiceFactory());
        var (team, bodyId) = await RegisteredAsync(factory);

        // The officers hear who was invited and at which (masked) address; the codes went to the two women's own mailboxes only.
        var notices = await NoticesAsync(factory);
        Assert.Equal(2, notices.Count);
        Assert.All(notices, n => Assert.DoesNotMatch(Code(), n));
        Assert.Contains(notices, n => n.Contains("主席邀请候选人1（139****1234）的账号激活码已通过电子邮件发送至 c***@example.cn", StringComparison.Ordinal));
        Assert.Contains(notices, n => n.Contains("执委邀请候选人4", StringComparison.Ordinal));
        Assert.Empty(await InboxesWithCodesAsync(factory));
        var chairCode = await CodeSentToAsync(factory, ChairEmail);
        var memberCode = await CodeSentToAsync(factory, MemberEmail);

        var browser = factory.Browser();
        var wrong = await browser.PostFormAsync("/account/activate", Form("AAAA-BBBB-CCCC"));
        Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
        Assert.Contains("激活码无效、已使用或已过期", await wrong.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await browser.PostFormAsync("/account/activate", Form(chairCode.ToLowerInvariant()))).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await factory.Browser().PostFormAsync("/account/activate", Form(memberCode))).StatusCode);

        // The chair chairs rotations (chair role); the executive member reads her body with the member role, and no more.
        Assert.Equal(new[] { "chair" }, await RolesOfAsync(factory, ChairPhone));
        Assert.Equal(new[] { "member" }, await RolesOfAsync(factory, MemberEmail));
        var chair = await factory.SignInAsync(ChairPhone, Password);
        var member = await factory.SignInAsync(MemberEmail, Password);
        Assert.Equal(HttpStatusCode.OK, (await chair.GetAsync($"/api/bodies/{bodyId}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await member.GetAsync($"/api/bodies/{bodyId}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await member.GetAsync($"/api/bodies/{bodyId}/invitations")).StatusCode);
        var body = await (await team.Officer.GetAsync($"/api/bodies/{bodyId}")).ReadObjectAsync();
        var leader = ((JsonArray)body["leaders"]!).Single(l => (string?)l!["role"] == "chair")!;
        Assert.NotNull((string?)leader["userId"]);

        var again = await factory.Browser().PostFormAsync("/account/activate", Form(chairCode));
        Assert.Contains("激活码无效、已使用或已过期", await again.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        // The others gave no contact: an officer links them, and with the last one the rotation and the duty groups plan
        // themselves and the set-up task closes.
        Assert.Equal(HttpStatusCode.NotFound, (await team.Officer.GetAsync($"/api/bodies/{bodyId}/rotation")).StatusCode);
        var others = ((JsonArray)body["leaders"]!).Where(l => (string?)l!["userId"] is null && (string?)l["name"] != "邀请候选人4").ToList();
        Assert.Equal(7, others.Count);
        foreach (var (other, i) in others.Select((l, i) => (l!, i)))
        {
            var account = await factory.CreateUserAsync($"invited-other-{i}", Workflow.Server.Accounts.Roles.Chair, TestRegions.Village);
            var linked = await team.Officer.PutAsJsonAsync($"/api/bodies/{bodyId}/leaders/{other["id"]}/account", new { userId = account });
            Assert.True(linked.IsSuccessStatusCode, await linked.Content.ReadAsStringAsync());
        }
        var rotation = await (await team.Officer.GetAsync($"/api/bodies/{bodyId}/rotation")).ReadObjectAsync();
        Assert.Equal((string?)leader["userId"], (string?)((JsonArray)rotation["order"]!)[0]);
        Assert.Equal(3, ((JsonArray)rotation["order"]!).Count);
        var groups = await (await team.Officer.GetAsync($"/api/bodies/{bodyId}/duty-groups")).ReadObjectAsync();
        Assert.Equal(9, ((JsonArray)groups["groups"]!).Sum(g => ((JsonArray)g!["memberIds"]!).Count));
        var setUp = (JsonArray)(await (await team.Officer.GetAsync("/api/tasks?definitionId=body-setup&show=all&pageSize=200")).ReadObjectAsync())["items"]!;
        Assert.Empty(setUp);
    }

    /// <summary>
    /// Without SMTP the chair's code goes by text message, the only channel left to her: one Notify template to her phone,
    /// whose short code opens the activation page with her code filled in, and that code makes her the chair.
    /// </summary>
    [Fact]
    public async Task WithoutEmail_TheChairsCodeGoesByTextMessage_AndItsShortLinkActivatesHerAccount()
    {
        await using var factory = new ServiceFactory();
        await using var provider = new FakeSmsProvider(factory.Clock);
        provider.Serve(factory, ("Notify", "SMS_NOTIFY"));
        var (_, bodyId) = await RegisteredAsync(factory);

        Assert.True(await Eventually.HoldsAsync(() => provider.Posts.Count == 1, TimeSpan.FromSeconds(20)), "the chair's text message leaves");
        var post = provider.Posts.Single();
        Assert.Equal(ChairPhone, post.Form["PhoneNumbers"]);
        Assert.Equal("SMS_NOTIFY", post.Form["TemplateCode"]);
        var parameters = JsonNode.Parse(post.Form["TemplateParam"])!.AsObject();
        Assert.False(string.IsNullOrWhiteSpace((string?)parameters["subject"]));
        var shortCode = (string)parameters["code"]!;
        Assert.StartsWith("a", shortCode, StringComparison.Ordinal);
        Assert.DoesNotMatch(Code(), post.Form["TemplateParam"]);
        var notices = await NoticesAsync(factory);
        Assert.Contains(notices, n => n.Contains("已通过短信发送至 139****1234", StringComparison.Ordinal));
        // Executive c4 gave only an e-mail address, which nothing here can reach: she is told to the officers as not sent.
        Assert.Contains(notices, n => n.Contains("执委邀请候选人4", StringComparison.Ordinal) && n.Contains("未能发送", StringComparison.Ordinal));

        var browser = factory.Browser();
        var opened = await factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false }).GetAsync(ShortLinks.Prefix + shortCode);
        Assert.Equal(HttpStatusCode.Redirect, opened.StatusCode);
        var page = opened.Headers.Location!.OriginalString;
        Assert.StartsWith(LeaderInvitations.ActivationPath + "?code=", page, StringComparison.Ordinal);
        var code = Uri.UnescapeDataString(page[(LeaderInvitations.ActivationPath.Length + "?code=".Length)..]);
        Assert.Equal(HttpStatusCode.Redirect, (await browser.PostFormAsync("/account/activate", Form(code))).StatusCode);
        Assert.Equal(new[] { "chair" }, await RolesOfAsync(factory, ChairPhone));
        var chair = await factory.SignInAsync(ChairPhone, Password);
        Assert.Equal(HttpStatusCode.OK, (await chair.GetAsync($"/api/bodies/{bodyId}")).StatusCode);
    }

    [Fact]
    public async Task AnOfficer_ReissuesAnExpiredCode_FromTheApiAndALostOneFromTheBodyPage_AndEachOldCodeStopsAtOnce()
    {
        await using var channels = new Channels();
        await using var factory = channels.Configure(new ServiceFactory());
        var (team, bodyId) = await RegisteredAsync(factory);
        var first = await CodeSentToAsync(factory, MemberEmail);
        var invitation = await InvitationOfAsync(team, bodyId, "邀请候选人4");

        factory.Clock.Advance(TimeSpan.FromDays(15));
        team = await FoundingTeam.SignInAsync(factory, team.Tag);
        Assert.Equal("expired", (string?)(await InvitationOfAsync(team, bodyId, "邀请候选人4"))["state"]);
        Assert.Contains("激活码无效、已使用或已过期", await (await factory.Browser().PostFormAsync("/account/activate", Form(first))).Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var reissued = await team.Officer.PostAsync($"/api/bodies/{bodyId}/invitations/{invitation["id"]}/reissue", null);
        var view = await reissued.ReadObjectAsync();
        Assert.True(reissued.IsSuccessStatusCode, view.ToJsonString());
        Assert.Equal(("issued", "c***@example.cn"), ((string?)view["state"], (string?)view["address"]));
        Assert.DoesNotContain("code", view.ToJsonString(), StringComparison.OrdinalIgnoreCase);
        var second = await CodeSentToAsync(factory, MemberEmail);
        Assert.NotEqual(first, second);

        // She lost it: a little later the officer re-issues it from the body page, and the second code stops working at once.
        factory.Clock.Advance(TimeSpan.FromMinutes(5));
        var officerPage = await factory.SignInPageAsync($"f-officer-{team.Tag}");
        var page = await officerPage.GetStringAsync($"/bodies/{bodyId}");
        Assert.Contains("邀请候选人4", page, StringComparison.Ordinal);
        Assert.DoesNotContain(second, page, StringComparison.Ordinal);
        var posted = await officerPage.PostFormAsync($"/bodies/{bodyId}?handler=Reissue&invitationId={invitation["id"]}", new(), $"/bodies/{bodyId}");
        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        var third = await CodeSentToAsync(factory, MemberEmail);
        Assert.NotEqual(second, third);
        Assert.Contains("激活码无效、已使用或已过期", await (await factory.Browser().PostFormAsync("/account/activate", Form(second))).Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await factory.Browser().PostFormAsync("/account/activate", Form(third))).StatusCode);

        // Once activated there is nothing to re-issue.
        var spent = await team.Officer.PostAsync($"/api/bodies/{bodyId}/invitations/{invitation["id"]}/reissue", null);
        Assert.Equal(HttpStatusCode.BadRequest, spent.StatusCode);
    }

    [Fact]
    public async Task AnotherRegionsOfficer_FindsNoInvitation_AndAChair_MayNotReissue()
    {
        await using var channels = new Channels();
        await using var factory = channels.Configure(new ServiceFactory());
        var (team, bodyId) = await RegisteredAsync(factory);
        var invitation = await InvitationOfAsync(team, bodyId, "邀请候选人4");
        var code = await CodeSentToAsync(factory, MemberEmail);
        await factory.Browser().PostFormAsync("/account/activate", Form(await CodeSentToAsync(factory, ChairEmail)));
        var chair = await factory.SignInAsync(ChairPhone, Password);

        Assert.Equal(HttpStatusCode.NotFound, (await team.NeighbourOfficer.GetAsync($"/api/bodies/{bodyId}/invitations")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await team.NeighbourOfficer.PostAsync($"/api/bodies/{bodyId}/invitations/{invitation["id"]}/reissue", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await chair.PostAsync($"/api/bodies/{bodyId}/invitations/{invitation["id"]}/reissue", null)).StatusCode);
        var chairPage = await factory.SignInPageAsync(ChairPhone, Password);
        Assert.DoesNotContain("invitations-heading", await chairPage.GetStringAsync($"/bodies/{bodyId}"), StringComparison.Ordinal);
        // Nothing was re-issued: her first code still works.
        Assert.Equal(code, await CodeSentToAsync(factory, MemberEmail));
        Assert.Equal(HttpStatusCode.Redirect, (await factory.Browser().PostFormAsync("/account/activate", Form(code))).StatusCode);
    }

    [Fact]
    public async Task AnOfficerLinksAnInvitedLeaderByHand_AndHerOpenInvitationIsWithdrawn()
    {
        await using var channels = new Channels();
        await using var factory = channels.Configure(new ServiceFactory());
        var (team, bodyId) = await RegisteredAsync(factory);
        var code = await CodeSentToAsync(factory, MemberEmail);
        var invitation = await InvitationOfAsync(team, bodyId, "邀请候选人4");

        var account = await factory.CreateUserAsync($"linked-by-hand-{team.Tag}", Workflow.Server.Accounts.Roles.Member, TestRegions.Village);
        var linked = await team.Officer.PutAsJsonAsync($"/api/bodies/{bodyId}/leaders/{invitation["leaderId"]}/account", new { userId = account });
        Assert.True(linked.IsSuccessStatusCode, await linked.Content.ReadAsStringAsync());

        var list = JsonNode.Parse(await team.Officer.GetStringAsync($"/api/bodies/{bodyId}/invitations"))!.AsArray();
        var left = list.Select(i => (string?)i!["name"]).ToList();
        Assert.Equal(new[] { "邀请候选人1" }, left);
        var refused = await factory.Browser().PostFormAsync("/account/activate", Form(code));
        Assert.Contains("激活码无效、已使用或已过期", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await using (var db = await Db(factory))
            Assert.False(await db.Users.AnyAsync(u => u.UserName == MemberEmail));
        Assert.Equal(HttpStatusCode.NotFound, (await team.Officer.PostAsync($"/api/bodies/{bodyId}/invitations/{invitation["id"]}/reissue", null)).StatusCode);
    }

    private static Dictionary<string, string> Form(string code) => new() { ["Code"] = code, ["NewPassword"] = Password, ["ConfirmPassword"] = Password };

    /// <summary>Founding up to registration: the chair and executive c4 elected with their contacts, their invitations issued.</summary>
    private static async Task<(FoundingTeam Team, string BodyId)> RegisteredAsync(ServiceFactory factory)
    {
        await factory.SeedRegionsAsync();
        var team = await FoundingTeam.CreateAsync(factory);
        var (id, instance) = await team.ToTheElectionAsync("南安某石业有限公司", Slate(factory));
        await Record(team, id, new { stage = "congress", rounds = new[] { ElectionRoundsApiTests.FirstCongressRound, ElectionRoundsApiTests.Round(50, 29, new() { ["c9"] = 27, ["c10"] = 2 }) } });
        await Record(team, id, new
        {
            stage = "firstExecutiveMeeting", rounds = new[] { ElectionRoundsApiTests.Round(9, 9, new() { ["c1"] = 9, ["c2"] = 8, ["c3"] = 8 }) },
        });
        await FoundingTeam.DecideAsync(team.Officer, instance, "election", "recorded");
        await FoundingTeam.DecideAsync(team.Party, instance, "resultParty", "approve", new { opinion = "同意" });
        await FoundingTeam.DecideAsync(team.Superior, instance, "resultFiling", "approve", new { opinion = "准予备案" });
        await FoundingTeam.DecideAsync(team.Registrar, instance, "registration", "register",
            new { registrationNumber = "南妇登〔2026〕77号", foundingDate = factory.Today().ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) });
        return (team, (string)(await FoundingTeam.FoundingAsync(team.Officer, id))["bodyId"]!);
    }

    private static async Task<JsonObject> InvitationOfAsync(FoundingTeam team, string bodyId, string name)
    {
        var response = await team.Officer.GetAsync($"/api/bodies/{bodyId}/invitations");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var list = JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsArray();
        return list.Single(i => (string?)i!["name"] == name)!.AsObject();
    }

    private static async Task Record(FoundingTeam team, Guid id, object meeting)
    {
        var response = await team.Officer.PostAsJsonAsync($"/api/foundings/{id}/elections", meeting);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }

    private static async Task<List<string>> NoticesAsync(ServiceFactory factory)
    {
        await using var db = await Db(factory);
        return await db.Reminders.AsNoTracking().Where(r => r.Key.StartsWith("invitation:")).Select(r => r.BodyZh).ToListAsync();
    }

    /// <summary>The latest code the outbox holds for <paramref name="email"/>: an e-mail to her alone, the code in its link.</summary>
    private static async Task<string> CodeSentToAsync(ServiceFactory factory, string email)
    {
        await using var db = await Db(factory);
        var sent = await db.Deliveries.AsNoTracking().Where(d => d.Key.StartsWith("invitation-code:") && d.Target == email).ToListAsync();
        Assert.All(sent, d => Assert.Equal(DeliveryChannel.Email, d.Channel));
        return Code().Match(sent.OrderBy(d => d.CreatedAt).Last().Payload!).Value;
    }

    /// <summary>In-app notifications and non-e-mail deliveries (robots, webhooks) that carry a code: there must be none.</summary>
    private static async Task<List<string>> InboxesWithCodesAsync(ServiceFactory factory)
    {
        await using var db = await Db(factory);
        var inbox = await db.Notifications.AsNoTracking().Select(n => n.Body).ToListAsync();
        var outside = await db.Deliveries.AsNoTracking().Where(d => !d.Key.StartsWith("invitation-code:") && d.Payload != null).Select(d => d.Payload!).ToListAsync();
        return [.. inbox.Concat(outside).Where(text => Code().IsMatch(text))];
    }

    private static async Task<string[]> RolesOfAsync(ServiceFactory factory, string userName)
    {
        await using var db = await Db(factory);
        return [.. (await db.Users.AsNoTracking().SingleAsync(u => u.UserName == userName)).RoleList];
    }

    private static Task<ServiceDbContext> Db(ServiceFactory factory) => factory.Services.GetRequiredService<IDbContextFactory<ServiceDbContext>>().CreateDbContextAsync();

    [GeneratedRegex("[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}")]
    private static partial Regex Code();
}
