using System.Data;
using System.Globalization;
using Workflow.Federation.Coverage;

namespace Workflow.Federation.Export;

/// <summary>A line of the coverage table as the page shows it: a region below (with its code), the region's own organizations, or the total.</summary>
public sealed record CoverageSheetLine(string Name, string? RegionCode, CoverageFigures Figures, TargetProgress? Target);

/// <summary>
/// The coverage table (覆盖情况) to .xlsx, with the page's rows and columns: formal coverage (bodies founded) beside
/// effective coverage (有效覆盖, bodies that kept their plan). Counts are numbers; every share is a number of percent under a
/// heading that says "%" (45.5 means 45.5 %, never a fraction), empty where there is nothing to divide by.
/// </summary>
public static class CoverageExporter
{
    public static async Task ExportAsync(Stream output, IReadOnlyList<CoverageSheetLine> lines, int year, CultureInfo? culture = null, CancellationToken cancellationToken = default)
    {
        string H(string zh, string en) => culture?.TwoLetterISOLanguageName == "en" ? en : zh;
        string P(string zh, string en) => H($"{zh}（%）", $"{en} (%)");
        using var table = new DataTable(H("覆盖情况", "Coverage"));
        table.Columns.Add(H("区域", "Region"));
        table.Columns.Add(H("区域代码", "Region code"));
        foreach (var heading in new[] { H("已摸排", "Surveyed"), H("应建", "Eligible"), H("重点单位", "Key units"), H("已建妇联", "Bodies founded"), H("妇女微家", "Micro-homes") })
            table.Columns.Add(heading, typeof(int));
        table.Columns.Add(P("覆盖率", "Coverage"), typeof(double));
        table.Columns.Add(P("重点单位覆盖率", "Key-unit coverage"), typeof(double));
        table.Columns.Add(H("有效运行组织", "Active bodies"), typeof(int));
        table.Columns.Add(P("有效覆盖率", "Effective coverage"), typeof(double));
        table.Columns.Add(H($"{year} 年目标", $"Target {year}"), typeof(int));
        table.Columns.Add(P("目标完成率", "Of target"), typeof(double));
        foreach (var line in lines)
        {
            var f = line.Figures;
            table.Rows.Add(line.Name, line.RegionCode, f.Surveyed, f.Eligible, f.KeyUnits, f.BodiesFounded, f.MicroHomes, Cell(f.CoveragePercent),
                Cell(f.KeyUnitCoveragePercent), f.BodiesActive, Cell(f.EffectiveCoveragePercent), line.Target is { } t ? t.TargetBodies : DBNull.Value,
                Cell(line.Target?.BodiesReachedPercent));
        }
        await XlsxTable.SaveAsync(output, table, cancellationToken);
    }

    private static object Cell(double? percent) => percent is { } p ? Math.Round(p, 1) : DBNull.Value;
}
