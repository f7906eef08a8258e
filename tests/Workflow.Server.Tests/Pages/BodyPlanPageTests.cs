using System.Net;
using System.Text.Json.Nodes;
using Workflow.Server.Accounts;
using Workflow.Server.Tests.Support;

namespace Workflow.Server.Tests.Pages;

/// <summary>
/// The officer's planning page of a body: leaders linked to accounts and the rotation planned with its periods shown before
/// anything is kept; another region's officer and a chair are refused as the API refuses them.
/// </summary>
public sealed class BodyPlanPageTests(ServiceFactory factory) : IClassFixture<ServiceFactory>
{
    private sealed record Planning(Guid Body, string Tag, HttpClient Officer, HttpClient OfficerApi, JsonArray Leaders, Guid[] Chairs, Guid Clerk);

    private async Task<Planning> BodyWithLeadersAsync()
    {
        var tag = Guid.NewGuid().ToString("N")[..6];
        var body = await factory.RegisteredBodyAsync($"官桥镇{tag}商会妇联", foundedOn: factory.Today().AddDays(-10));
        await factory.AddLeadersAsync(body);
        await factory.CreateUserAsync($"p-officer-{tag}", Roles.Officer, TestRegions.Town);
        var chairs = new Guid[3];
        for (var i = 0; i < chairs.Length; i++) chairs[i] = await factory.CreateUserAsync($"p-chair{i}-{tag}", Roles.Chair, TestRegions.Town);
        var clerk = await factory.CreateUserAsync($"p-clerk-{tag}", Roles.Officer, TestRegions.Town);
        var api = await factory.SignInAsync($"p-officer-{tag}");
        var leaders = (JsonArray)(await (await api.GetAsync($"/api/bodies/{body}")).ReadObjectAsync())["leaders"]!;
        return new Planning(body, tag, await factory.SignInPageAsync($"p-officer-{tag}"), api, leaders, chairs, clerk);
    }

    private static string LeaderId(Planning planning, string role, int index = 0) =>
        (string)planning.Leaders.Where(l => (string?)l!["role"] == role).ElementAt(index)!["id"]!;

    private static Task<HttpResponseMessage> LinkAsync(Planning planning, string leaderId, Guid account, HttpClient? by = null) =>
        (by ?? planning.Officer).PostFormAsync($"/bodies/{planning.Body}/plan?handler=Link", new() { ["leaderId"] = leaderId, ["userId"] = account.ToString() },
            formPage: by is null ? $"/bodies/{planning.Body}/plan" : "/tasks");

    [Fact]
    public async Task TheOfficerLinksTheLeaders_SeesThePeriods_ThenConfirmsTheRotation()
    {
        var planning = await BodyWithLeadersAsync();
        var path = $"/bodies/{planning.Body}/plan";
        Assert.Contains($"href=\"{path}\"", await planning.Officer.GetStringAsync($"/bodies/{planning.Body}"), StringComparison.Ordinal);

        var linked = await LinkAsync(planning, LeaderId(planning, "chair"), planning.Chairs[0]);
        Assert.Equal(HttpStatusCode.Redirect, linked.StatusCode);
        Assert.Contains($"已为林秀英关联账号 p-chair0-{planning.Tag}", await planning.Officer.GetStringAsync(path), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await LinkAsync(planning, LeaderId(planning, "viceChair"), planning.Chairs[1])).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await LinkAsync(planning, LeaderId(planning, "viceChair", 1), planning.Chairs[2])).StatusCode);

        var today = factory.Today();
        var start = new Dictionary<string, string> { ["Rotation.Start"] = today.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) };
        var preview = await planning.Officer.PostFormAsync($"{path}?handler=Preview", start, formPage: path);
        var shown = await preview.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, preview.StatusCode);
        Assert.Contains("id=\"rotation-preview\"", shown, StringComparison.Ordinal);
        Assert.Contains($"{today.Year}年{today.Month}月{today.Day}日", shown, StringComparison.Ordinal);
        Assert.Contains($"p-chair1-{planning.Tag}", shown, StringComparison.Ordinal);
        Assert.Contains("id=\"confirm-rotation\"", shown, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await planning.OfficerApi.GetAsync($"/api/bodies/{planning.Body}/rotation")).StatusCode);

        var confirmed = await planning.Officer.PostFormAsync($"{path}?handler=Confirm", start, formPage: path);
        Assert.Equal(HttpStatusCode.Redirect, confirmed.StatusCode);
        var rotation = await (await planning.OfficerApi.GetAsync($"/api/bodies/{planning.Body}/rotation")).ReadObjectAsync();
        var periods = (JsonArray)rotation["periods"]!;
        Assert.Equal(planning.Chairs[0].ToString(), (string?)periods[0]!["personId"]);
        Assert.Contains($"轮值已安排，共 {periods.Count} 期。", await planning.Officer.GetStringAsync(confirmed.Headers.Location!.ToString()), StringComparison.Ordinal);

        // Once it has begun, a re-plan needs a reason, said beside its field.
        var again = await planning.Officer.PostFormAsync($"{path}?handler=Preview", start, formPage: path);
        Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);
        Assert.Contains("id=\"rotation-reason-error\">轮值已经开始，请说明调整的理由", await again.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AViceChairLinkedToAnAccountWithoutTheChairRole_IsRefusedWithTheReason()
    {
        var planning = await BodyWithLeadersAsync();

        var refused = await LinkAsync(planning, LeaderId(planning, "viceChair"), planning.Clerk);

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains($"p-clerk-{planning.Tag} 没有主席角色", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnotherRegionsOfficerAndAChair_AreRefused()
    {
        var planning = await BodyWithLeadersAsync();
        var path = $"/bodies/{planning.Body}/plan";
        await factory.CreateUserAsync($"p-neighbour-{planning.Tag}", Roles.Officer, TestRegions.NeighbourTown);
        var neighbour = await factory.SignInPageAsync($"p-neighbour-{planning.Tag}");
        var chair = await factory.SignInPageAsync($"p-chair0-{planning.Tag}");

        Assert.Equal(HttpStatusCode.NotFound, (await neighbour.GetAsync(path)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await LinkAsync(planning, LeaderId(planning, "chair"), planning.Chairs[0], by: neighbour)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await chair.GetAsync(path)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await LinkAsync(planning, LeaderId(planning, "chair"), planning.Chairs[0], by: chair)).StatusCode);
        Assert.DoesNotContain(path, await chair.GetStringAsync($"/bodies/{planning.Body}"), StringComparison.Ordinal);
        var body = await (await planning.OfficerApi.GetAsync($"/api/bodies/{planning.Body}")).ReadObjectAsync();
        Assert.All((JsonArray)body["leaders"]!, l => Assert.Null((string?)l!["userId"]));
    }
}
