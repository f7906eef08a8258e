using System.Net;
using System.Text.RegularExpressions;

namespace Workflow.Benchmarks.Pages;

/// <summary>A browser's part for the benchmark: a cookie jar, signed in through the sign-in form with its antiforgery token.</summary>
internal static partial class PageClient
{
    public static async Task<HttpClient> SignInAsync(string address, string userName, string password)
    {
        var client = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false }) { BaseAddress = new Uri(address) };
        using var page = await client.GetAsync("/");
        if (page.StatusCode != HttpStatusCode.OK) throw new InvalidOperationException($"the sign-in page answered {(int)page.StatusCode} {page.Headers.Location}");
        var form = await page.Content.ReadAsStringAsync();
        var token = AntiforgeryField().Match(form);
        if (!token.Success) throw new InvalidOperationException("the sign-in page has no antiforgery token");
        using var response = await client.PostAsync("/", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["UserName"] = userName, ["Password"] = password, ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token.Groups[1].Value),
        }));
        if (response.StatusCode != HttpStatusCode.Redirect) throw new InvalidOperationException($"page sign-in of {userName} answered {(int)response.StatusCode}");
        return client;
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();
}
