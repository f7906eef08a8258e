using System.Diagnostics;
using System.Globalization;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using MiniExcelLibs;
using Workflow.Federation;
using Workflow.Federation.Coverage;
using Workflow.Federation.Import;
using Workflow.Federation.Kinds;
using Workflow.Federation.Ledger;
using Workflow.Federation.Regions;
using Workflow.Federation.Registry;
using Workflow.Federation.Storage;
using Workflow.Persistence;
using Workflow.Persistence.Storage;

namespace Workflow.Benchmarks.Ledger;

/// <summary>
/// Imports a generated ledger of 100,000 organizations (as .csv and as .xlsx, each into a fresh database) and rolls
/// coverage up a three-level region tree: one district, 20 towns, 20 villages each.
/// </summary>
internal sealed class LedgerBenchmark : IBenchmark
{
    private const int Rows = 100_000;
    internal const string District = "350583";

    public async Task<int> RunAsync(BenchmarkOptions options, TextWriter output)
    {
        var folder = Path.Combine(Path.GetTempPath(), "wf-bench-ledger", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            var csv = Csv(Rows);
            var xlsx = Xlsx(Rows);
            await output.WriteLineAsync($"ledger benchmark: {Environment.ProcessorCount} cores; {Rows:N0} generated organizations; csv {csv.Length / 1024 / 1024.0:0.0} MiB, xlsx {xlsx.Length / 1024 / 1024.0:0.0} MiB");
            await ImportAsync(folder, "warm-up", Csv(2_000), "warm.csv", null);
            await ImportAsync(folder, "warm-up-xlsx", Xlsx(2_000), "warm.xlsx", null);
            var csvRate = await ImportAsync(folder, "csv", csv, "ledger.csv", output);
            var (xlsxRate, services) = await ImportKeepingAsync(folder, xlsx, output);
            await using (services)
            {
                await AddBodiesAsync(services);
                var coverage = services.GetRequiredService<CoverageService>();
                await coverage.GetCoverageAsync(RegionCode.Parse(District), 2026);
                var times = new List<double>();
                CoverageNode? tree = null;
                for (var i = 0; i < 7; i++)
                {
                    var watch = Stopwatch.StartNew();
                    tree = await coverage.GetCoverageAsync(RegionCode.Parse(District), 2026);
                    times.Add(watch.Elapsed.TotalMilliseconds);
                }
                times.Sort();
                var median = times[times.Count / 2];
                await output.WriteLineAsync($"coverage roll-up, 3 levels ({Count(tree!)} regions): median {median:0.0} ms, min {times[0]:0.0} ms, max {times[^1]:0.0} ms over {times.Count} runs");
                var rows = Math.Min(csvRate, xlsxRate);
                await output.WriteLineAsync($"rows_per_s={rows:0} coverage_ms={median:0.0}");
            }
            return 0;
        }
        finally
        {
            try
            {
                Directory.Delete(folder, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }

    private static int Count(CoverageNode node) => 1 + node.Children.Sum(Count);

    private static async Task<double> ImportAsync(string folder, string name, byte[] file, string fileName, TextWriter? output)
    {
        var (rate, services) = await ImportIntoAsync(Path.Combine(folder, name + ".db"), file, fileName, output);
        await services.DisposeAsync();
        return rate;
    }

    private static Task<(double, ServiceProvider)> ImportKeepingAsync(string folder, byte[] xlsx, TextWriter output) =>
        ImportIntoAsync(Path.Combine(folder, "xlsx.db"), xlsx, "ledger.xlsx", output);

    private static async Task<(double Rate, ServiceProvider Services)> ImportIntoAsync(string database, byte[] file, string fileName, TextWriter? output)
    {
        var services = new ServiceCollection().AddLogging().AddWorkflowEngine(database).AddFederation(database).BuildServiceProvider();
        await services.GetRequiredService<DatabaseSetup>().MigrateAsync();
        await services.GetRequiredService<FederationDatabaseSetup>().MigrateAsync();
        var campaign = await services.GetRequiredService<LedgerService>().OpenCampaignAsync(new NewSurveyCampaign("基准测试摸排", District), "bench");
        var watch = Stopwatch.StartNew();
        var report = await services.GetRequiredService<LedgerImporter>().ImportAsync(new MemoryStream(file), fileName, campaign.Id, "bench");
        var elapsed = watch.Elapsed;
        if (!report.Imported) throw new InvalidOperationException($"import refused: {report.Refusal} {string.Join("; ", report.Problems.Take(3).Select(p => $"{p.Row}:{p.Field} {p.Reason}"))}");
        var rate = report.Created / elapsed.TotalSeconds;
        if (output is not null)
            await output.WriteLineAsync($"import {fileName}: {report.Created:N0} rows in {elapsed.TotalSeconds:0.00} s = {rate:0} rows/s (all-or-nothing, one transaction)");
        return (rate, services);
    }

    /// <summary>2,000 bodies and micro-homes spread over the villages, so the roll-up has something to count.</summary>
    internal static async Task AddBodiesAsync(IServiceProvider services)
    {
        var writer = services.GetRequiredService<FederationWriter>();
        await writer.WriteAsync(db =>
        {
            for (var i = 0; i < 2_000; i++)
                db.Bodies.Add(new FederationBodyRow
                {
                    Id = Guid.NewGuid(), Name = $"基准妇联{i}", Kind = i % 5 == 0 ? FederationKind.MicroHome : FederationKind.Enterprise, Mode = FoundingMode.Standalone,
                    Sector = Sector.NewEconomic, RegionCode = Village(i), Status = FederationBodyStatus.Founded, FoundedOn = new DateOnly(2026, 1 + i % 12, 1),
                });
            return Task.FromResult(0);
        }, CancellationToken.None);
    }

    internal static string Village(int i) => $"{District}{1 + i % 20:D3}{1 + i / 20 % 20:D3}";

    private static IEnumerable<Dictionary<string, object?>> Generate(int count)
    {
        var kinds = new[] { "Enterprise", "Enterprise", "Enterprise", "SocialOrganization", "IndustryAssociation", "Building" };
        for (var i = 0; i < count; i++)
        {
            var first17 = $"91{District}MA{i:D7}";
            var staff = 20 + i * 37 % 900;
            var women = staff * (20 + i % 50) / 100;
            var party = (i % 3) switch { 0 => "Own", 1 => "Joint", _ => "None" };
            yield return new Dictionary<string, object?>
            {
                ["Name"] = $"南安市第{i}号新经济组织有限公司",
                ["Credit code"] = first17 + CreditCode.ComputeCheckCharacter(first17),
                ["Sector"] = i % 10 == 0 ? "NewSocial" : "NewEconomic",
                ["Kind"] = kinds[i % kinds.Length],
                ["Region code"] = Village(i),
                ["Industry"] = i % 2 == 0 ? "石材加工" : "水暖厨卫",
                ["Address"] = $"南安市某镇某路{i % 300}号",
                ["Staff count"] = staff,
                ["Women count"] = women,
                ["Party organization"] = party,
                ["Party organization name"] = party == "None" ? null : $"第{i}号单位党支部",
                ["Operating status"] = "Operating",
            };
        }
    }

    internal static byte[] Csv(int count)
    {
        var text = new StringBuilder();
        var rows = Generate(count).ToList();
        text.AppendLine(string.Join(',', rows[0].Keys));
        foreach (var row in rows) text.AppendLine(string.Join(',', row.Values.Select(v => Convert.ToString(v, CultureInfo.InvariantCulture))));
        return new UTF8Encoding(encoderShouldEmitUTF8Identifier: true).GetPreamble().Concat(Encoding.UTF8.GetBytes(text.ToString())).ToArray();
    }

    private static byte[] Xlsx(int count)
    {
        using var stream = new MemoryStream();
        stream.SaveAs(Generate(count));
        return stream.ToArray();
    }
}
