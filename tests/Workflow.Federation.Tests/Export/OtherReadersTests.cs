using System.Diagnostics;
using System.IO.Compression;
using System.Text.Json.Nodes;
using System.Xml.Linq;
using Workflow.Federation.Ledger;
using Workflow.Federation.Regions;
using Workflow.Federation.Rosters;
using Workflow.Federation.Tests.Support;

namespace Workflow.Federation.Tests.Export;

/// <summary>
/// The exports open in readers other than Excel and MiniExcel: exceljs 4.4 (node; tests/run.sh installs it into
/// <see cref="ExcelJsFolder"/>), and a package check of what strict readers need (relative part paths, a default style).
/// </summary>
public sealed class OtherReadersTests : FederationTest
{
    private static readonly XNamespace Relationships = "http://schemas.openxmlformats.org/package/2006/relationships";
    private static readonly XNamespace Main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";

    private static string ExcelJsFolder => Environment.GetEnvironmentVariable("WORKFLOW_EXCELJS")
        ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache", "workflow-exceljs");

    private const string ReadWithExcelJs = """
        const ExcelJS = require('exceljs');
        (async () => {
          const workbook = new ExcelJS.Workbook();
          await workbook.xlsx.readFile(process.argv[process.argv.length - 1]);
          const sheet = workbook.worksheets[0];
          const rows = [];
          sheet.eachRow(row => rows.push(row.values.slice(1)));
          console.log(JSON.stringify({ name: sheet.name, rows }));
        })().catch(e => { console.error(e.stack); process.exit(1); });
        """;

    private async Task<(MemoryStream Ledger, MemoryStream Women, MemoryStream Exemplars)> ExportAllAsync()
    {
        var campaign = await OpenCampaignAsync();
        var organization = await AddAsync(Organizations.Enterprise(), campaign);
        await Host.Rosters.AddAsync(Roster.Women, organization, new RosterEntryInput("陈美玲", "财务"), "officer");
        await Host.Rosters.AddAsync(Roster.Exemplars, organization, new RosterEntryInput("林秀英", "车间主任", Honour: "泉州市三八红旗手", Year: 2025), "officer");
        var region = RegionCode.Parse("350583");
        var (ledger, women, exemplars) = (new MemoryStream(), new MemoryStream(), new MemoryStream());
        await Host.Exporter.ExportLedgerAsync(ledger, new LedgerQuery(region));
        await Host.Exporter.ExportRosterAsync(women, Roster.Women, region);
        await Host.Exporter.ExportRosterAsync(exemplars, Roster.Exemplars, region);
        return (ledger, women, exemplars);
    }

    [Fact]
    public async Task TheLedgerAndBothRosters_OpenInExcelJs_WithTheirRows()
    {
        var (ledger, women, exemplars) = await ExportAllAsync();

        var read = await ExcelJsAsync(ledger);
        Assert.Equal("台账", (string?)read["name"]);
        var rows = (JsonArray)read["rows"]!;
        Assert.Equal("单位名称", (string?)rows[0]![0]);
        Assert.Equal("福建省弘一石业有限公司", (string?)rows[1]![0]);
        Assert.Contains("陈美玲", Cells(await ExcelJsAsync(women)));
        Assert.Contains("泉州市三八红旗手", Cells(await ExcelJsAsync(exemplars)));
    }

    [Fact]
    public async Task TheCoverageTable_OpensInExcelJs_WithFormalAndEffectiveCoverageInPercent()
    {
        var campaign = await OpenCampaignAsync();
        await AddAsync(Organizations.Enterprise(), campaign);
        var node = await Host.Coverage.GetCoverageAsync(RegionCode.Parse("350583"), 2026, CancellationToken.None);
        var output = new MemoryStream();

        await Workflow.Federation.Export.CoverageExporter.ExportAsync(output,
            [.. node.Children.Select(c => new Workflow.Federation.Export.CoverageSheetLine(c.RegionCode, c.RegionCode, c.Total, c.Target)),
             new("合计", node.RegionCode, node.Total, node.Target)], 2026);

        var read = await ExcelJsAsync(output);
        Assert.Equal("覆盖情况", (string?)read["name"]);
        var rows = (JsonArray)read["rows"]!;
        var headings = rows[0]!.AsArray().Select(h => (string?)h).ToList();
        Assert.Contains("覆盖率（%）", headings);
        Assert.Contains("有效覆盖率（%）", headings);
        var total = rows.Last()!.AsArray();
        Assert.Equal("合计", (string?)total[0]);
        Assert.Equal(node.Total.Surveyed, (int)total[headings.IndexOf("已摸排")]!);
        Assert.Equal(node.Total.BodiesFounded, (int)total[headings.IndexOf("已建妇联")]!);
    }

    [Fact]
    public async Task EveryRelationship_PointsRelativelyToAPartThatExists_AndTheStylesheetHasTheNormalStyle()
    {
        var (ledger, women, exemplars) = await ExportAllAsync();
        foreach (var file in new[] { ledger, women, exemplars })
        {
            using var zip = new ZipArchive(new MemoryStream(file.ToArray()));
            var parts = zip.Entries.Select(e => e.FullName).ToHashSet();
            foreach (var rels in zip.Entries.Where(e => e.FullName.EndsWith(".rels", StringComparison.Ordinal)))
            {
                var folder = Path.GetDirectoryName(Path.GetDirectoryName(rels.FullName))!;
                foreach (var target in Load(rels).Root!.Elements(Relationships + "Relationship").Select(r => (string)r.Attribute("Target")!))
                {
                    Assert.False(target.StartsWith('/'), $"{rels.FullName}: absolute target {target}");
                    var part = Path.GetRelativePath(".", Path.Combine(folder, target)).Replace('\\', '/');
                    Assert.Contains(part, parts);
                }
            }
            var styles = Load(zip.GetEntry("xl/styles.xml")!);
            Assert.Contains(styles.Descendants(Main + "cellStyle"), s => (string?)s.Attribute("builtinId") == "0" && (string?)s.Attribute("name") == "Normal");
        }
    }

    private static List<string?> Cells(JsonObject read) => [.. ((JsonArray)read["rows"]!).SelectMany(r => r!.AsArray()).Select(v => v?.ToString())];

    private static XDocument Load(ZipArchiveEntry entry)
    {
        using var stream = entry.Open();
        return XDocument.Load(stream);
    }

    private static async Task<JsonObject> ExcelJsAsync(MemoryStream xlsx)
    {
        var modules = Path.Combine(ExcelJsFolder, "node_modules");
        Assert.True(Directory.Exists(Path.Combine(modules, "exceljs")), $"exceljs is missing: npm install --prefix {ExcelJsFolder} exceljs@4.4.0 (tests/run.sh does)");
        var path = Path.Combine(Path.GetTempPath(), $"wf-export-{Guid.NewGuid():N}.xlsx");
        await File.WriteAllBytesAsync(path, xlsx.ToArray());
        try
        {
            var start = new ProcessStartInfo("node") { RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var argument in new[] { "-e", ReadWithExcelJs, path }) start.ArgumentList.Add(argument);
            start.Environment["NODE_PATH"] = modules;
            using var node = Process.Start(start)!;
            var output = node.StandardOutput.ReadToEndAsync();
            var error = node.StandardError.ReadToEndAsync();
            await node.WaitForExitAsync();
            Assert.True(node.ExitCode == 0, "exceljs could not read the export: " + await error);
            return (JsonObject)JsonNode.Parse(await output)!;
        }
        finally
        {
            File.Delete(path);
        }
    }
}
