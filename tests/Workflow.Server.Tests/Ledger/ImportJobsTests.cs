using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Workflow.Server.Ledger;
using Workflow.Server.Storage;
using Workflow.Server.Tests.Foundings;
using Workflow.Server.Tests.Support;

namespace Workflow.Server.Tests.Ledger;

/// <summary>Import jobs cut short by a stopped node: a dry run runs again, an import ends failed with its reason, never half-imported.</summary>
public sealed class ImportJobsTests(ServiceFactory factory) : IClassFixture<ServiceFactory>
{
    internal static readonly Dictionary<string, string> Mapping = new()
    {
        ["regionCode"] = "镇街", ["name"] = "单位名称", ["sector"] = "领域", ["kind"] = "单位类型", ["staffCount"] = "从业人员数", ["womenCount"] = "女性从业人员数",
        ["partyOrganization"] = "是否建立党组织",
    };

    internal static string Sheet(string name) => "单位名称,领域,单位类型,镇街,从业人员数,女性从业人员数,是否建立党组织\n" + $"{name},新就业群体,新就业群体,官桥镇,10,2,否\n";

    [Fact]
    public async Task AnImportFoundRunning_WhenItsJobStarts_EndsFailedWithTheReason_AndImportsNothing()
    {
        var (id, name, team) = await StuckAsync(ImportJobState.Running, dryRun: false);

        await factory.Services.GetRequiredService<ImportJob>().RunAsync(id, CancellationToken.None);

        var run = (await factory.Services.GetRequiredService<ImportJobs>().GetAsync(id, team.OfficerName, CancellationToken.None))!;
        Assert.Equal("import.interrupted", run.Failure?.Code);
        Assert.Null(run.Report);
        var ledger = await (await team.Officer.GetAsync($"/api/organizations?text={Uri.EscapeDataString(name)}")).ReadObjectAsync();
        Assert.Empty(ledger["items"]!.AsArray());
    }

    [Fact]
    public async Task ADryRunFoundRunning_RunsAgain_AndEndsWithItsReport()
    {
        var (id, _, team) = await StuckAsync(ImportJobState.Running, dryRun: true);

        await factory.Services.GetRequiredService<ImportJob>().RunAsync(id, CancellationToken.None);

        var run = (await factory.Services.GetRequiredService<ImportJobs>().GetAsync(id, team.OfficerName, CancellationToken.None))!;
        Assert.Null(run.Failure);
        Assert.Equal((true, false, 1, 0), (run.Report!.DryRun, run.Report.Imported, run.Report.RowsRead, run.Report.Problems.Count));
    }

    [Fact]
    public async Task AtStartUp_AQueuedImportTheJobStoreLost_IsQueuedAgain_AndImportsOnce()
    {
        var (id, name, team) = await StuckAsync(ImportJobState.Queued, dryRun: false);
        var jobs = factory.Services.GetRequiredService<ImportJobs>();

        Assert.True(await jobs.RecoverAsync(CancellationToken.None) >= 1);

        var run = await DoneAsync(jobs, id, team.OfficerName);
        Assert.True(run.Report!.Imported);
        var ledger = await (await team.Officer.GetAsync($"/api/organizations?text={Uri.EscapeDataString(name)}")).ReadObjectAsync();
        Assert.Single(ledger["items"]!.AsArray());
    }

    internal static async Task<ImportRun> DoneAsync(ImportJobs jobs, Guid id, string owner)
    {
        for (var attempt = 0; attempt < 300; attempt++)
        {
            if (await jobs.GetAsync(id, owner, CancellationToken.None) is { Running: false } run) return run;
            await Task.Delay(50);
        }
        throw new Xunit.Sdk.XunitException($"import job {id} did not end");
    }

    private sealed record Team(HttpClient Officer, string OfficerName);

    /// <summary>A job row as a node that died (or a lost in-memory job store) leaves it, with its file uploaded.</summary>
    private async Task<(Guid Id, string Name, Team Team)> StuckAsync(ImportJobState state, bool dryRun)
    {
        var api = await FoundingTeam.CreateAsync(factory);
        var officerName = $"f-officer-{api.Tag}";
        var campaign = (await (await api.Officer.PostAsJsonAsync("/api/campaigns", new { name = "导入任务 " + api.Tag, regionCode = TestRegions.Town })).ReadObjectAsync())["id"]!;
        var name = $"任务{api.Tag}骑手群体";
        var upload = await factory.Services.GetRequiredService<UploadStore>()
            .SaveAsync(new MemoryStream(Encoding.UTF8.GetBytes(Sheet(name))), "台账.csv", officerName, CancellationToken.None);
        var id = Guid.NewGuid();
        await using (var db = await factory.Services.GetRequiredService<IDbContextFactory<ServiceDbContext>>().CreateDbContextAsync())
        {
            db.ImportJobs.Add(new ImportJobRow
            {
                Id = id, Owner = officerName, CampaignId = Guid.Parse((string)campaign!), CampaignRegion = TestRegions.Town, Upload = upload, FileName = "台账.csv",
                DryRun = dryRun, Mapping = JsonSerializer.Serialize(Mapping), State = state, Attempts = state == ImportJobState.Running ? 1 : 0,
                CreatedAt = factory.Clock.GetUtcNow(),
            });
            await db.SaveChangesAsync();
        }
        return (id, name, new Team(api.Officer, officerName));
    }
}
