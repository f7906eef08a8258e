using System.Net;
using System.Net.Http.Json;
using Workflow.Server.Accounts;
using Workflow.Server.Tests.Support;

namespace Workflow.Server.Tests.Pages;

/// <summary>The pages refuse as the API does, on the server: another region, the wrong role, a forged form, an ended session.</summary>
public sealed class PageRefusalTests : IClassFixture<ServiceFactory>
{
    private readonly ServiceFactory _factory;

    public PageRefusalTests(ServiceFactory factory) => _factory = factory;

    [Fact]
    public async Task TaskOfAnotherRegion_AnswersTheNotFoundPage()
    {
        var (scenario, tag) = await CreateAsync();
        var (_, task) = await scenario.StartApprovalAsync();
        var neighbour = await _factory.SignInPageAsync($"neighbour-{tag}");

        var response = await neighbour.GetAsync($"/tasks/{task}");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("找不到该页面", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TaskForAnotherApproverKind_AnswersTheForbiddenPage()
    {
        var (scenario, tag) = await CreateAsync();
        var (_, task) = await scenario.StartApprovalAsync();
        var party = await _factory.SignInPageAsync($"party-{tag}");

        var response = await party.GetAsync($"/tasks/{task}");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("无权访问", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task DecisionWithoutTheAntiforgeryToken_IsRefusedAndDecidesNothing()
    {
        var (scenario, tag) = await CreateAsync();
        var (_, task) = await scenario.StartApprovalAsync();
        var approver = await _factory.SignInPageAsync($"approver-{tag}");

        var response = await approver.PostAsync($"/tasks/{task}", new FormUrlEncodedContent(new Dictionary<string, string> { ["outcome"] = "approve" }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("请求无效", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await scenario.Approver.GetAsync($"/api/tasks/{task}")).StatusCode);
    }

    [Fact]
    public async Task SessionIdleLongerThanItsLimit_LeadsBackToSignIn()
    {
        await using var factory = new ServiceFactory();
        await factory.CreateUserAsync("idle-officer", Roles.Officer, TestRegions.Town);
        var page = await factory.SignInPageAsync("idle-officer");
        Assert.Equal(HttpStatusCode.OK, (await page.GetAsync("/tasks")).StatusCode);

        factory.Clock.Advance(TimeSpan.FromMinutes(new AuthOptions().PageSessionIdleMinutes + 1));
        var response = await page.GetAsync("/tasks");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/?ReturnUrl=%2Ftasks", new Uri(new Uri("http://localhost"), response.Headers.Location!).PathAndQuery);
    }

    [Fact]
    public async Task SessionInUse_EndsAWorkingDayAfterSignIn()
    {
        await using var factory = new ServiceFactory();
        await factory.CreateUserAsync("busy-officer", Roles.Officer, TestRegions.Town);
        var page = await factory.SignInPageAsync("busy-officer");
        for (var hour = 0; hour < new AuthOptions().PageSessionMaxHours; hour++)
        {
            Assert.Equal(HttpStatusCode.OK, (await page.GetAsync("/tasks")).StatusCode);
            factory.Clock.Advance(TimeSpan.FromHours(1));
        }
        factory.Clock.Advance(TimeSpan.FromMinutes(1));

        var response = await page.GetAsync("/tasks");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }

    [Fact]
    public async Task SignOutEverywhere_EndsThePersonsOtherPageSessions()
    {
        var (_, tag) = await CreateAsync();
        var phone = await _factory.SignInPageAsync($"officer-{tag}");
        var desk = await _factory.SignInPageAsync($"officer-{tag}");

        var signOut = await desk.PostFormAsync("/account/signout?handler=Everywhere", [], formPage: "/account/signout");

        Assert.Equal(HttpStatusCode.Redirect, signOut.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await phone.GetAsync("/tasks")).StatusCode);
    }

    [Fact]
    public async Task PageSessionCookie_DoesNotOpenTheApi()
    {
        var (_, tag) = await CreateAsync();
        var page = await _factory.SignInPageAsync($"officer-{tag}");

        var response = await page.GetAsync("/api/tasks");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task PagesAnswerWithAStrictContentSecurityPolicy()
    {
        var response = await _factory.Browser().GetAsync("/");

        var policy = Assert.Single(response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("default-src 'self'", policy, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-inline", policy, StringComparison.Ordinal);
        Assert.All(response.Headers.GetValues("Set-Cookie"), cookie => Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase));
    }

    private async Task<(Scenario Scenario, string Tag)> CreateAsync()
    {
        var scenario = await Scenario.CreateAsync(_factory);
        var me = await scenario.Officer.GetFromJsonAsync<CurrentUser>("/api/auth/me", Json.Options);
        return (scenario, me!.UserName["officer-".Length..]);
    }
}
