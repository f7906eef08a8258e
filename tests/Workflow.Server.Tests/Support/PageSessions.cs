using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Workflow.Server.Tests.Support;

/// <summary>Page sessions as a browser holds them: a cookie jar, sign-in through the form, the antiforgery token read from the page.</summary>
public static partial class PageSessions
{
    public static HttpClient Browser(this ServiceFactory factory) =>
        factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    public static async Task<HttpClient> SignInPageAsync(this ServiceFactory factory, string userName, string password = ServiceFactory.Password)
    {
        var client = factory.Browser();
        var response = await client.PostFormAsync("/", new() { ["UserName"] = userName, ["Password"] = password });
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"sign-in answered {(int)response.StatusCode}");
        return client;
    }

    /// <summary>Opens <paramref name="path"/> as a page would be opened, then posts its form with the token the page holds.</summary>
    public static async Task<HttpResponseMessage> PostFormAsync(this HttpClient client, string path, Dictionary<string, string> fields, string? formPage = null)
    {
        var page = await client.GetStringAsync(formPage ?? path);
        var form = new Dictionary<string, string>(fields) { ["__RequestVerificationToken"] = Token(page) };
        return await client.PostAsync(path, new FormUrlEncodedContent(form));
    }

    public static string Token(string html) => TokenPattern().Match(html) is { Success: true } match ? match.Groups[1].Value : throw new InvalidOperationException("the page holds no antiforgery token");

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}
