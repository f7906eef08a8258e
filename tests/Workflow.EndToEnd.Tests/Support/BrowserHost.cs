using Deque.AxeCore.Playwright;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Workflow.Server.Tests.Pages.Admin;
using Workflow.Server.Tests.Support;

namespace Workflow.EndToEnd.Tests.Support;

/// <summary>
/// The real service on Kestrel at a free loopback port (a browser cannot reach the in-memory test server) with the server
/// tests' fake clock, and one headless Debian Chromium for the whole collection. Playwright downloads no browser of its own.
/// </summary>
public sealed class BrowserHost : IAsyncLifetime
{
    public const string Chromium = "/usr/bin/chromium";

    private IPlaywright? _playwright;

    public ServiceFactory Service { get; } = new();
    /// <summary>An action step that fails while told to: the incident the admin pages' test retries.</summary>
    public FlakyAction Flaky { get; } = new();
    public string BaseUrl { get; private set; } = "";
    public IBrowser Browser { get; private set; } = null!;

    /// <summary>Screenshots of every page the tests visit, beside the test results.</summary>
    public static string Screenshots { get; } = Path.Combine(AppContext.BaseDirectory, "TestResults", "screenshots");

    public async Task InitializeAsync()
    {
        Service.TestServices.Add(services => services.AddSingleton<Workflow.Engine.IActionHandler>(Flaky));
        Service.UseKestrel(0);
        Service.StartServer();
        BaseUrl = Service.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        Environment.SetEnvironmentVariable("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
        _playwright = await Playwright.CreateAsync();
        // Each launch gets a fresh temporary profile from Playwright; nothing persists between runs.
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Chromium, Headless = true, Args = ["--no-sandbox", "--disable-background-networking"],
        });
        Directory.CreateDirectory(Screenshots);
    }

    /// <summary>A fresh browser context (no cookies) on the service, in China, at a desk or on a 360 px phone.</summary>
    public async Task<IPage> NewPageAsync(bool phone = false)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = BaseUrl, Locale = "zh-CN", TimezoneId = "Asia/Shanghai",
            ViewportSize = phone ? new ViewportSize { Width = 360, Height = 740 } : new ViewportSize { Width = 1280, Height = 900 },
        });
        return await context.NewPageAsync();
    }

    public async Task<IPage> SignedInAsync(string userName, string password = ServiceFactory.Password, bool phone = false)
    {
        var page = await NewPageAsync(phone);
        await page.GotoAsync("/");
        await page.GetByLabel("用户名").FillAsync(userName);
        await page.GetByLabel("密码").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "登录", Exact = true }).ClickAsync();
        // The redirect's URL, not a load event: on a loaded CI machine "load" has waited past 30 s after the page was idle, and
        // once even DOMContentLoaded was never reported for a task list already on screen. The steps that follow wait for what
        // they read. A loaded machine has also kept the browser on the sign-in page for 30 s once: wait longer, and if it still
        // stays, say what the page showed, so the next failure explains itself.
        try
        {
            await page.WaitForURLAsync(url => !url.EndsWith('/'), new() { WaitUntil = WaitUntilState.Commit, Timeout = 60_000 });
        }
        catch (TimeoutException stayed)
        {
            throw new TimeoutException($"{userName} stayed on {page.Url} after signing in; the page said: {await page.InnerTextAsync("body")}", stayed);
        }
        return page;
    }

    /// <summary>Saves a screenshot of the page and checks it with axe-core: no serious or critical violation.</summary>
    public static async Task CheckAsync(IPage page, string name)
    {
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Screenshots, name + ".png"), FullPage = true });
        var results = await page.RunAxe();
        var bad = results.Violations.Where(v => v.Impact is "serious" or "critical").ToList();
        Assert.True(bad.Count == 0, $"{name}: " + string.Join("; ", bad.Select(v => $"{v.Id} ({v.Impact}): {v.Help} at {string.Join(", ", v.Nodes.Select(n => n.Target?.ToString()))}")));
    }

    public async Task DisposeAsync()
    {
        if (_playwright is not null)
        {
            await Browser.DisposeAsync();
            _playwright.Dispose();
        }
        await Service.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class InOneBrowser : ICollectionFixture<BrowserHost>
{
    public const string Name = "browser";
}
