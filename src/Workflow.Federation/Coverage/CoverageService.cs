using System.Collections.Concurrent;
using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Workflow.Federation.Classification;
using Workflow.Federation.Common;
using Workflow.Federation.Kinds;
using Workflow.Federation.Ledger;
using Workflow.Federation.Regions;
using Workflow.Federation.Registry;
using Workflow.Federation.Storage;

namespace Workflow.Federation.Coverage;

/// <summary>
/// Coverage per region and sector against the year's targets. SQLite groups the ledger by region code and sector
/// (one row per village or community, not per organization); the tree is then rolled up in memory by derived parent,
/// village → township → county → city → province. A tree is kept until the federation's tables change
/// (<see cref="FederationChanges"/>) or it is <see cref="Fresh"/> old, and requests that arrive while it is being read wait for the
/// one reading: an overview page that eight officers open at once reads a district's 100,000 organizations once.
/// </summary>
public sealed class CoverageService(FederationWriter writer, ClassificationRules rules, Activities.BodyActivities activities, TimeProvider clock)
{
    private const int FirstYear = 2000;
    private const int LastYear = 2100;

    /// <summary>How long a tree is trusted without a change counted here: bounds what another node's writes take to show.</summary>
    private static readonly TimeSpan Fresh = TimeSpan.FromSeconds(10);

    private const int KeptTrees = 1_000;

    private readonly ConcurrentDictionary<(string Root, int Year), KeptTree> _trees = new();

    private sealed record KeptTree(long Changes, DateTimeOffset At, Task<CoverageNode> Tree);

    /// <summary>Sets (or replaces) a region's target for a year, e.g. 1,000 bodies and 100 micro-homes by 2026 (seed 003).</summary>
    public async Task<CoverageTarget> SetTargetAsync(RegionCode region, int year, int bodies, int microHomes, string actor, CancellationToken cancellationToken = default)
    {
        var problems = new List<FieldProblem>();
        if (year is < FirstYear or > LastYear)
            problems.Add(new FieldProblem("year", new CodedMessage("target.year", $"目标年度应在 {FirstYear}–{LastYear} 之间", $"the target year must be between {FirstYear} and {LastYear}")));
        if (bodies < 0 || microHomes < 0)
            problems.Add(new FieldProblem(bodies < 0 ? "bodies" : "microHomes", new CodedMessage("target.negative", "目标数不能为负数", "a target cannot be negative")));
        if (problems.Count > 0) throw new FederationValidationException(problems);
        return await writer.WriteAsync(async db =>
        {
            var row = await db.CoverageTargets.FindAsync([region.Value, year], cancellationToken);
            if (row is null) db.CoverageTargets.Add(row = new CoverageTargetRow { RegionCode = region.Value, Year = year });
            row.Bodies = bodies;
            row.MicroHomes = microHomes;
            row.SetAt = clock.GetUtcNow();
            row.SetBy = actor;
            return Target(row);
        }, cancellationToken);
    }

    public async Task<IReadOnlyList<CoverageTarget>> ListTargetsAsync(RegionCode within, CancellationToken cancellationToken = default)
    {
        await using var db = await writer.ReadAsync(cancellationToken);
        var rows = await db.CoverageTargets.AsNoTracking().Within(t => t.RegionCode, within)
            .OrderBy(t => t.RegionCode).ThenBy(t => t.Year).ToListAsync(cancellationToken);
        return [.. rows.Select(Target)];
    }

    /// <summary>The coverage tree under <paramref name="root"/>, with each region's target for <paramref name="year"/>.</summary>
    public Task<CoverageNode> GetCoverageAsync(RegionCode root, int year, CancellationToken cancellationToken = default)
    {
        var key = (root.Value, year);
        var (changes, now) = (FederationChanges.Count, clock.GetUtcNow());
        if (_trees.TryGetValue(key, out var kept) && kept.Changes == changes && now >= kept.At && now - kept.At < Fresh && !kept.Tree.IsFaulted)
            return kept.Tree.WaitAsync(cancellationToken);
        if (_trees.Count >= KeptTrees) _trees.Clear();
        // Read once for every request waiting on it, so one caller leaving does not cancel it for the others.
        var read = new KeptTree(changes, now, ReadCoverageAsync(root, year, CancellationToken.None));
        _trees[key] = read;
        return read.Tree.WaitAsync(cancellationToken);
    }

    private async Task<CoverageNode> ReadCoverageAsync(RegionCode root, int year, CancellationToken cancellationToken)
    {
        await using var db = await writer.ReadAsync(cancellationToken);
        var coveredIds = from m in db.BodyMembers
                         join b in db.Bodies on m.BodyId equals b.Id
                         where b.Status == FederationBodyStatus.Founded
                         select m.OrganizationId;
        // One pass over the region's organizations, answered from the covering index (see OrganizationMapping).
        var organizations = await db.Organizations.AsNoTracking().Within(o => o.RegionCode, root)
            .Select(Flags(coveredIds))
            .GroupBy(f => new { f.RegionCode, f.Sector })
            .Select(g => new
            {
                g.Key.RegionCode,
                g.Key.Sector,
                Surveyed = g.Count(),
                Eligible = g.Count(f => f.Eligible),
                KeyUnits = g.Count(f => f.KeyUnit),
                Covered = g.Count(f => f.Eligible && f.Covered),
                KeyUnitsCovered = g.Count(f => f.KeyUnit && f.Covered),
            })
            .ToListAsync(cancellationToken);

        var yearEnd = new DateOnly(Math.Clamp(year, FirstYear, LastYear), 12, 31);
        var bodies = await db.Bodies.AsNoTracking().Within(b => b.RegionCode, root)
            .Where(b => b.Status == FederationBodyStatus.Founded)
            .GroupBy(b => new { b.RegionCode, b.Sector, MicroHome = b.Kind == FederationKind.MicroHome, ByYearEnd = b.FoundedOn == null || b.FoundedOn <= yearEnd })
            .Select(g => new { g.Key.RegionCode, g.Key.Sector, g.Key.MicroHome, g.Key.ByYearEnd, Count = g.Count() })
            .ToListAsync(cancellationToken);

        var targets = await db.CoverageTargets.AsNoTracking().Within(t => t.RegionCode, root).Where(t => t.Year == year)
            .ToDictionaryAsync(t => t.RegionCode, cancellationToken);

        var tree = new CoverageTree(root);
        foreach (var code in targets.Keys) tree.Touch(code);
        foreach (var o in organizations)
            tree.Add(o.RegionCode, o.Sector, new CoverageFigures(o.Surveyed, o.Eligible, o.KeyUnits, o.Covered, o.KeyUnitsCovered, 0, 0));
        foreach (var b in bodies)
        {
            tree.Add(b.RegionCode, b.Sector, b.MicroHome ? CoverageFigures.Zero with { MicroHomes = b.Count } : CoverageFigures.Zero with { BodiesFounded = b.Count });
            if (b.ByYearEnd) tree.AddFoundedByYearEnd(b.RegionCode, b.MicroHome, b.Count);
        }
        await AddEffectiveAsync(db, tree, root, cancellationToken);
        return tree.Build(code => targets.GetValueOrDefault(code) is { } t ? (t.Year, t.Bodies, t.MicroHomes) : null);
    }

    /// <summary>Effective coverage (有效覆盖, issue 14) beside the formal: the active bodies, and the eligible organizations they cover.</summary>
    private async Task AddEffectiveAsync(FederationDbContext db, CoverageTree tree, RegionCode root, CancellationToken cancellationToken)
    {
        var founded = await db.Bodies.AsNoTracking().Within(b => b.RegionCode, root).Where(b => b.Status == FederationBodyStatus.Founded)
            .Select(b => new { b.Id, b.RegionCode, b.Sector, MicroHome = b.Kind == FederationKind.MicroHome }).ToListAsync(cancellationToken);
        if (founded.Count == 0) return;
        var active = await activities.ActiveAsync([.. founded.Select(b => b.Id)], cancellationToken);
        if (active.Count == 0) return;
        foreach (var group in founded.Where(b => !b.MicroHome && active.Contains(b.Id)).GroupBy(b => (b.RegionCode, b.Sector)))
            tree.Add(group.Key.RegionCode, group.Key.Sector, CoverageFigures.Zero with { BodiesActive = group.Count() });
        var activeIds = active.ToList();
        var coveredIds = db.BodyMembers.Where(m => activeIds.Contains(m.BodyId)).Select(m => m.OrganizationId);
        var covered = await db.Organizations.AsNoTracking().Within(o => o.RegionCode, root)
            .Select(Flags(coveredIds))
            .Where(f => f.Eligible && f.Covered)
            .GroupBy(f => new { f.RegionCode, f.Sector })
            .Select(g => new { g.Key.RegionCode, g.Key.Sector, Count = g.Count() })
            .ToListAsync(cancellationToken);
        foreach (var c in covered) tree.Add(c.RegionCode, c.Sector, CoverageFigures.Zero with { EffectivelyCovered = c.Count });
    }

    /// <summary>
    /// Founded bodies and micro-homes per year in <paramref name="root"/>, from the first founding (or <paramref name="from"/>, if earlier)
    /// to <paramref name="to"/>, every year present so that a chart of the trend has no gaps.
    /// </summary>
    public async Task<IReadOnlyList<FoundedInYear>> GetTrendAsync(RegionCode root, int from, int to, CancellationToken cancellationToken = default)
    {
        await using var db = await writer.ReadAsync(cancellationToken);
        var counts = await db.Bodies.AsNoTracking().Within(b => b.RegionCode, root)
            .Where(b => b.Status == FederationBodyStatus.Founded)
            .GroupBy(b => new { Year = b.FoundedOn == null ? (int?)null : b.FoundedOn.Value.Year, MicroHome = b.Kind == FederationKind.MicroHome })
            .Select(g => new { g.Key.Year, g.Key.MicroHome, Count = g.Count() })
            .ToListAsync(cancellationToken);
        var first = Math.Clamp(Math.Min(from, counts.Min(c => c.Year) ?? from), FirstYear, LastYear);
        var last = Math.Clamp(Math.Max(to, counts.Max(c => c.Year) ?? to), first, LastYear);
        int Count(int? year, bool microHome) => counts.Where(c => c.Year == year && c.MicroHome == microHome).Sum(c => c.Count);
        var (bodiesToDate, microHomesToDate) = (Count(null, false) + counts.Where(c => c.Year < first && !c.MicroHome).Sum(c => c.Count),
            Count(null, true) + counts.Where(c => c.Year < first && c.MicroHome).Sum(c => c.Count));
        var years = new List<FoundedInYear>();
        for (var year = first; year <= last; year++)
        {
            var (bodies, microHomes) = (Count(year, false), Count(year, true));
            bodiesToDate += bodies;
            microHomesToDate += microHomes;
            years.Add(new FoundedInYear(year, bodies, microHomes, bodiesToDate, microHomesToDate));
        }
        return years;
    }

    /// <summary>One organization reduced to what coverage counts, with the classification rules inlined so SQLite evaluates them.</summary>
    private sealed class OrganizationFlags
    {
        public required string RegionCode { get; init; }
        public required Sector Sector { get; init; }
        public required bool Eligible { get; init; }
        public required bool KeyUnit { get; init; }
        public required bool Covered { get; init; }
    }

    /// <summary>o => new OrganizationFlags { …, Eligible = (rule), KeyUnit = (rule), Covered = coveredIds.Contains(o.Id) }.</summary>
    private Expression<Func<OrganizationRow, OrganizationFlags>> Flags(IQueryable<Guid> coveredIds)
    {
        var o = Expression.Parameter(typeof(OrganizationRow), "o");
        var type = typeof(OrganizationFlags);
        MemberAssignment Set(string property, Expression value) => Expression.Bind(type.GetProperty(property)!, value);
        var contains = Expression.Call(typeof(Queryable), nameof(Queryable.Contains), [typeof(Guid)], coveredIds.Expression,
            Expression.Property(o, nameof(OrganizationRow.Id)));
        return Expression.Lambda<Func<OrganizationRow, OrganizationFlags>>(Expression.MemberInit(Expression.New(type),
            Set(nameof(OrganizationFlags.RegionCode), Expression.Property(o, nameof(OrganizationRow.RegionCode))),
            Set(nameof(OrganizationFlags.Sector), Expression.Property(o, nameof(OrganizationRow.Sector))),
            Set(nameof(OrganizationFlags.Eligible), Inline(rules.IsEligible, o)),
            Set(nameof(OrganizationFlags.KeyUnit), Inline(rules.IsKeyUnit, o)),
            Set(nameof(OrganizationFlags.Covered), contains)), o);
    }

    private static Expression Inline(Expression<Func<OrganizationRow, bool>> rule, ParameterExpression row) =>
        new ParameterSwap(rule.Parameters[0], row).Visit(rule.Body);

    private sealed class ParameterSwap(ParameterExpression from, ParameterExpression to) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) => node == from ? to : node;
    }

    private static CoverageTarget Target(CoverageTargetRow row) => new(row.RegionCode, row.Year, row.Bodies, row.MicroHomes, row.SetAt, row.SetBy);
}
