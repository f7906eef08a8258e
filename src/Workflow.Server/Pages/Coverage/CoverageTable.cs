using Workflow.Federation.Coverage;
using Workflow.Federation.Export;
using Workflow.Federation.Regions;
using Workflow.Server.Accounts;
using Workflow.Server.Regions;

namespace Workflow.Server.Pages.Coverage;

/// <summary>The coverage table of a region and year as the page shows it: its lines (the region's own, then each child), the total and the trail above.</summary>
public sealed record CoverageTableView(CoverageNode Node, string RegionName, IReadOnlyList<(string Code, string Name)> Breadcrumbs, IReadOnlyList<CoverageLine> Lines);

/// <summary>
/// The rows of the coverage table, read once for the page and for its .xlsx export, so both show the same lines, and the
/// one scope rule they share: the officer's own region or one below it.
/// </summary>
public sealed class CoverageTable(CoverageService coverage, RegionService regions)
{
    /// <summary>The region asked for (the caller's own when none), if it is one and lies in her region; null otherwise.</summary>
    public static RegionCode? Resolve(Caller caller, string? region) =>
        RegionCode.TryParse(string.IsNullOrWhiteSpace(region) ? caller.RegionCode : region.Trim(), out var code, out _) && caller.Covers(code.Value) ? code : null;

    /// <summary>Another region is forbidden (403), and what is not a region code a bad request (400), as the API answers.</summary>
    public static int RefusalStatus(string? region) => RegionCode.TryParse(region, out _, out _) ? StatusCodes.Status403Forbidden : StatusCodes.Status400BadRequest;

    public async Task<CoverageTableView> LoadAsync(Caller caller, RegionCode region, int year, CancellationToken cancellationToken)
    {
        var node = await coverage.GetCoverageAsync(region, year, cancellationToken);
        // Children with figures come from the coverage tree; those of the region tree without any yet read as zero.
        var known = await regions.ChildrenAsync(region.Value, cancellationToken);
        var childCodes = node.Children.Select(c => c.RegionCode).Union(known.Select(k => k.Code)).Order(StringComparer.Ordinal).ToList();
        var home = RegionCode.Parse(caller.IsAdmin ? Root(region) : caller.RegionCode);
        var trail = new List<string>();
        for (var at = region; at is not null && home.Contains(at); at = at.Parent) trail.Insert(0, at.Value);
        var names = await regions.NamesAsync([.. childCodes, .. trail], cancellationToken);
        string Name(string code) => names.GetValueOrDefault(code) ?? code;
        var regionName = Name(region.Value);
        var children = node.Children.ToDictionary(c => c.RegionCode);
        IReadOnlyList<CoverageLine> lines =
        [
            new CoverageLine(null, Words.OwnLine.Format(regionName), node.Own, null),
            .. childCodes.Select(code => children.GetValueOrDefault(code) is { } child
                ? new CoverageLine(code, Name(code), child.Total, child.Target)
                : new CoverageLine(code, Name(code), CoverageFigures.Zero, null)),
        ];
        return new CoverageTableView(node, regionName, [.. trail.Select(code => (code, Name(code)))], lines);
    }

    /// <summary>The lines for the sheet: the page's lines, then the total.</summary>
    public static IReadOnlyList<CoverageSheetLine> Sheet(CoverageTableView view) =>
        [.. view.Lines.Select(l => new CoverageSheetLine(l.Name, l.RegionCode, l.Figures, l.Target)), new CoverageSheetLine(Words.Total, view.Node.RegionCode, view.Node.Total, view.Node.Target)];

    private static string Root(RegionCode region)
    {
        var top = region;
        while (top.Parent is { } parent) top = parent;
        return top.Value;
    }
}
