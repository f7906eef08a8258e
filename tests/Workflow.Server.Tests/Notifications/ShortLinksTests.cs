using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Workflow.Federation.Invitations;
using Workflow.Server.Notifications;
using Workflow.Server.Robots;
using Workflow.Server.Sms;
using Workflow.Server.Tests.Support;

namespace Workflow.Server.Tests.Notifications;

/// <summary>
/// Short links for text messages: a code of letters and digits within a template variable's 35 characters, naming the task,
/// the body or the activation it opens. It only redirects; the page still asks for sign-in and returns to itself. A code
/// that names no page is the friendly not-found page.
/// </summary>
public sealed class ShortLinksTests(ServiceFactory factory) : IClassFixture<ServiceFactory>
{
    [Theory]
    [InlineData("/tasks/{0}")]
    [InlineData("/bodies/{0}")]
    public void APagesCode_IsLettersAndDigitsWithinTheLimit_AndOpensThatPage(string page)
    {
        foreach (var id in new[] { Guid.Empty, Guid.NewGuid(), Guid.Parse("ffffffff-ffff-ffff-ffff-ffffffffffff") })
        {
            var path = string.Format(System.Globalization.CultureInfo.InvariantCulture, page, id);

            var code = ShortLinks.CodeFor(path);

            Assert.Equal(23, code.Length);
            Assert.True(code.Length <= SmsMessage.ParameterLimit);
            Assert.All(code, c => Assert.True(char.IsAsciiLetterOrDigit(c), code));
            Assert.Equal(path, ShortLinks.PathOf(code));
        }
    }

    [Fact]
    public void AnActivationLink_KeepsItsCode_AndAnyOtherPageIsTheInbox()
    {
        var code = ShortLinks.CodeFor($"{LeaderInvitations.ActivationPath}?code=AB3D-EF6H-JK9M");

        Assert.Equal("aAB3DEF6HJK9M", code);
        Assert.Equal($"{LeaderInvitations.ActivationPath}?code=AB3DEF6HJK9M", ShortLinks.PathOf(code));
        Assert.Equal("i", ShortLinks.CodeFor("/tasks"));
        Assert.Equal("i", ShortLinks.CodeFor($"/bodies/{Guid.NewGuid()}/plan"));
        Assert.Equal("/tasks", ShortLinks.PathOf("i"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("x")]
    [InlineData("tabc")]
    [InlineData("q0000000000000000000000")]
    [InlineData("tzzzzzzzzzzzzzzzzzzzzzz")] // 22 base-62 digits beyond 128 bits
    [InlineData("t00000000000000000000-0")]
    [InlineData("a0123456789012345678901234567890123456")]
    public void AnythingElse_NamesNoPage(string code) => Assert.Null(ShortLinks.PathOf(code));

    [Fact]
    public async Task AShortLink_RedirectsToItsPage_WhichAsksForSignInAndReturnsThere()
    {
        var id = Guid.NewGuid();
        var browser = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        var shortLink = await browser.GetAsync(ShortLinks.Prefix + ShortLinks.CodeFor($"/tasks/{id}"));
        Assert.Equal(HttpStatusCode.Redirect, shortLink.StatusCode);
        Assert.Equal($"/tasks/{id}", shortLink.Headers.Location!.OriginalString);

        var page = await browser.GetAsync($"/tasks/{id}");
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.Contains("ReturnUrl=" + Uri.EscapeDataString($"/tasks/{id}"), page.Headers.Location!.OriginalString, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task AnUnknownCode_IsTheFriendlyNotFoundPage()
    {
        var response = await factory.CreateClient().GetAsync(ShortLinks.Prefix + "not-a-code");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [InlineData("https://site.example.cn/", "https://robots.example.cn/", "https://server.example.cn/", "https://site.example.cn/")]
    [InlineData(null, "https://robots.example.cn/", "https://server.example.cn/", "https://robots.example.cn/")]
    [InlineData(null, null, "https://server.example.cn/", "https://server.example.cn/")]
    public void SiteUrl_IsTheOneRoot_WithTheOlderNamesAsFallbacks(string? site, string? robots, string? server, string expected)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Site:Url"] = site, ["Robots:SiteUrl"] = robots, ["Server:PublicUrl"] = server,
        }).Build();

        Assert.Equal(expected, RobotOptions.From(configuration).SiteUrl?.AbsoluteUri);
    }
}
