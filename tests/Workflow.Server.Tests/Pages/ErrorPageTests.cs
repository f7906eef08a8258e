using System.Net;
using System.Text;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Workflow.Server.Accounts;
using Workflow.Server.Pages.Site;
using Workflow.Server.Tests.Support;

namespace Workflow.Server.Tests.Pages;

/// <summary>
/// A page that fails or refuses answers with a page in the person's language and a way back, never a JSON body; the API's
/// answer to the same failure stays problem details with the same status.
/// </summary>
public sealed class ErrorPageTests(ServiceFactory factory) : IClassFixture<ServiceFactory>
{
    private static HttpRequestMessage Failing(HttpMethod method, string path, string header, string value, string? language = null)
    {
        var request = new HttpRequestMessage(method, path);
        if (method == HttpMethod.Post) request.Content = new StringContent("{}", Encoding.UTF8, "application/json");
        request.Headers.Add(header, value);
        request.Headers.Referrer = new Uri("http://localhost/tasks?tab=mine");
        if (language is not null)
            request.Headers.Add("Cookie", $"{PagesRegistration.LanguageCookie}={Uri.EscapeDataString(CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(language)))}");
        return request;
    }

    private HttpClient FailingClient() => factory.WithWebHostBuilder(b => b.ConfigureTestServices(s =>
    {
        FailingBody.AddTo(s);
        FailingPages.AddTo(s);
    })).CreateClient();

    [Fact]
    public async Task AnUnforeseenFailureOnAPage_IsAnHtmlPageWithTheRequestId_AndTheApiKeepsItsProblem()
    {
        var client = FailingClient();

        var page = await client.SendAsync(Failing(HttpMethod.Get, "/", FailingPages.Header, "bug"));
        var html = await page.Content.ReadAsStringAsync();

        Assert.True(page.StatusCode == HttpStatusCode.InternalServerError && page.Content.Headers.ContentType?.MediaType == "text/html",
            $"{(int)page.StatusCode} {page.Content.Headers.ContentType}: {html}");
        Assert.Contains("<h1 id=\"error-title\">出错了</h1>", html, StringComparison.Ordinal);
        Assert.Contains(page.Headers.GetValues("X-Request-Id").Single(), html, StringComparison.Ordinal);
        Assert.Contains("href=\"/tasks?tab=mine\" id=\"error-back\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("the test's page fails", html, StringComparison.Ordinal);

        var api = await client.SendAsync(Failing(HttpMethod.Post, "/api/auth/token", FailingBody.Header, "yes"));
        await api.AssertProblemAsync(500, "internal");
    }

    [Fact]
    public async Task ARefusalOnAPage_IsSaidInThePersonsLanguage_AtTheApisStatus()
    {
        var client = FailingClient();

        var chinese = await client.SendAsync(Failing(HttpMethod.Get, "/", FailingPages.Header, "refused"));
        var english = await client.SendAsync(Failing(HttpMethod.Get, "/", FailingPages.Header, "refused", language: "en"));

        var zh = await chinese.Content.ReadAsStringAsync();
        Assert.True(chinese.StatusCode == HttpStatusCode.Conflict, $"{(int)chinese.StatusCode}: {zh}");
        Assert.Contains("无法办理", zh, StringComparison.Ordinal);
        Assert.Contains("已由他人办理", zh, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Conflict, english.StatusCode);
        var en = await english.Content.ReadAsStringAsync();
        Assert.Contains("This cannot be done", en, StringComparison.Ordinal);
        Assert.Contains("someone else has decided it", en, StringComparison.Ordinal);
        await (await client.SendAsync(Failing(HttpMethod.Post, "/api/auth/token", FailingBody.RefusedHeader, "yes"))).AssertProblemAsync(409, "test-decided");
    }

    [Fact]
    public async Task AMissingPageAndAForbiddenOne_AreHtmlInEnglishToo()
    {
        await factory.CreateUserAsync("error-approver", Roles.Approver, TestRegions.Town, ApproverKinds.PartyOrganization);
        var approver = await factory.SignInPageAsync("error-approver");
        await approver.PostFormAsync("/account/language", new() { ["culture"] = "en", ["returnUrl"] = "/tasks" }, formPage: "/tasks");

        var missing = await approver.GetAsync($"/foundings/{Guid.NewGuid()}");
        var forbidden = await approver.GetAsync("/foundings/new");

        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Contains("Page not found", await missing.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
        Assert.Equal("text/html", forbidden.Content.Headers.ContentType?.MediaType);
        Assert.Contains("Not allowed", await forbidden.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
