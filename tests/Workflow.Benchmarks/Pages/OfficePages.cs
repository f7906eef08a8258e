using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Workflow.Benchmarks.Ledger;
using Workflow.Federation.Import;
using Workflow.Federation.Ledger;
using Workflow.Server.Accounts;
using Workflow.Server.Regions;

namespace Workflow.Benchmarks.Pages;

/// <summary>
/// The district office's pages for the pages benchmark: the ledger benchmark's 100,000 organizations imported into the service,
/// its 2,000 bodies, and the three-level region tree they sit in (the district, 20 towns, 20 villages each), read by district officers.
/// </summary>
internal static class OfficePages
{
    public const int Organizations = 100_000;

    /// <summary>The ledger filtered as an officer narrows it (a sector, key units), and the district's coverage.</summary>
    public const string LedgerPath = "/ledger?sector=NewEconomic&key=true";
    public const string CoveragePath = "/coverage?year=2026";

    /// <summary>Seeds the office's data and signs in <paramref name="clients"/> district officers through the sign-in page.</summary>
    public static async Task<HttpClient[]> SeedAsync(WebApplication app, string address, int clients, string password)
    {
        var regions = new StringBuilder("code,name\n");
        for (var town = 1; town <= 20; town++)
        {
            regions.Append(System.Globalization.CultureInfo.InvariantCulture, $"{LedgerBenchmark.District}{town:D3},第{town}镇\n");
            for (var village = 1; village <= 20; village++)
                regions.Append(System.Globalization.CultureInfo.InvariantCulture, $"{LedgerBenchmark.District}{town:D3}{village:D3},第{town}镇第{village}村\n");
        }
        await app.Services.GetRequiredService<RegionService>().ImportCsvAsync(new MemoryStream(Encoding.UTF8.GetBytes(regions.ToString())), newRoot: false, CancellationToken.None);

        var ledger = app.Services.GetRequiredService<LedgerService>();
        var campaign = await ledger.OpenCampaignAsync(new NewSurveyCampaign("页面基准摸排", LedgerBenchmark.District), "bench");
        var report = await app.Services.GetRequiredService<LedgerImporter>().ImportAsync(new MemoryStream(LedgerBenchmark.Csv(Organizations)), "ledger.csv", campaign.Id, "bench");
        if (!report.Imported) throw new InvalidOperationException($"the office's ledger was not imported: {report.Summary.En}");
        await LedgerBenchmark.AddBodiesAsync(app.Services);

        var users = app.Services.GetRequiredService<UserDirectory>();
        var signedIn = new HttpClient[clients];
        for (var i = 0; i < clients; i++)
        {
            await users.CreateAsync(new NewUser($"district{i}", $"区妇联干部{i}", [Roles.Officer], null, LedgerBenchmark.District, Password: password), CancellationToken.None);
            signedIn[i] = await PageClient.SignInAsync(address, $"district{i}", password);
        }
        return signedIn;
    }
}
