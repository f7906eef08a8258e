using Workflow.Federation.Ledger;
using Workflow.Federation.Regions;

namespace Workflow.Federation.Coverage;

/// <summary>Adds each region's figures to the region (as its own share) and every region above it, up to the root, then builds the tree.</summary>
internal sealed class CoverageTree(RegionCode root)
{
    private readonly Dictionary<string, Node> _nodes = new(StringComparer.Ordinal) { [root.Value] = new Node() };

    public void Add(string regionCode, Sector sector, CoverageFigures figures)
    {
        var self = true;
        foreach (var node in SelfAndAncestors(regionCode))
        {
            node.BySector[sector] = node.BySector.GetValueOrDefault(sector, CoverageFigures.Zero).Add(figures);
            if (self) node.Own = node.Own.Add(figures);
            self = false;
        }
    }

    /// <summary>Puts a region in the tree even with nothing counted in it yet, e.g. a town with a target and no body so far.</summary>
    public void Touch(string regionCode)
    {
        foreach (var _ in SelfAndAncestors(regionCode)) { }
    }

    public void AddFoundedByYearEnd(string regionCode, bool microHome, int count)
    {
        foreach (var node in SelfAndAncestors(regionCode))
        {
            if (microHome) node.MicroHomesByYearEnd += count;
            else node.BodiesByYearEnd += count;
        }
    }

    public CoverageNode Build(Func<string, (int Year, int Bodies, int MicroHomes)?> target)
    {
        var children = _nodes.Keys.Where(code => code != root.Value)
            .ToLookup(code => RegionCode.Parse(code).Parent!.Value, StringComparer.Ordinal);
        CoverageNode Build(string code)
        {
            var node = _nodes[code];
            var total = node.BySector.Values.Aggregate(CoverageFigures.Zero, (sum, f) => sum.Add(f));
            var progress = target(code) is { } t ? new TargetProgress(t.Year, t.Bodies, t.MicroHomes, node.BodiesByYearEnd, node.MicroHomesByYearEnd) : null;
            return new CoverageNode(code, RegionCode.Parse(code).Level, total, node.Own, node.BySector, progress,
                [.. children[code].Order(StringComparer.Ordinal).Select(Build)]);
        }
        return Build(root.Value);
    }

    private IEnumerable<Node> SelfAndAncestors(string regionCode)
    {
        if (!RegionCode.TryParse(regionCode, out var code, out _) || !root.Contains(code)) yield break;
        // Up through every level (village → town → county → city → province), as far as the root.
        for (var at = code; at is not null && root.Contains(at); at = at.Parent)
        {
            if (!_nodes.TryGetValue(at.Value, out var node)) _nodes[at.Value] = node = new Node();
            yield return node;
        }
    }

    private sealed class Node
    {
        public Dictionary<Sector, CoverageFigures> BySector { get; } = [];
        public CoverageFigures Own { get; set; } = CoverageFigures.Zero;
        public int BodiesByYearEnd { get; set; }
        public int MicroHomesByYearEnd { get; set; }
    }
}
