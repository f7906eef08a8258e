using Microsoft.EntityFrameworkCore;
using Workflow.Federation.Common;
using Workflow.Federation.Ledger;
using Workflow.Federation.Regions;
using Workflow.Federation.Registry;
using Workflow.Federation.Storage;

namespace Workflow.Federation.Classification;

/// <summary>Recommendations from the ledger: for one organization, or a region's founding plan (清单化管理, seed 001).</summary>
public sealed class ClassificationService(FederationWriter writer, Classifier classifier)
{
    private const int MaxNeighbours = 500;

    public async Task<Recommendation> ClassifyAsync(Guid organizationId, CancellationToken cancellationToken = default)
    {
        await using var db = await writer.ReadAsync(cancellationToken);
        var organization = await db.Organizations.AsNoTracking().FirstOrDefaultAsync(o => o.Id == organizationId, cancellationToken)
            ?? throw NotFound.Organization(organizationId);
        var candidates = await Candidates(db, organization).Take(MaxNeighbours).ToListAsync(cancellationToken);
        var covering = await CoveringBodies(db, db.Organizations.Where(o => o.Id == organizationId)).ToListAsync(cancellationToken);
        var neighbours = new NeighbourIndex(candidates).For(organization);
        return classifier.Classify(organization, neighbours, covering.FirstOrDefault()?.Body);
    }

    /// <summary>
    /// The recommendation for each organization of a request, with its neighbours and partners: what the wizard shows and
    /// what <see cref="RecommendationChoice.Follows"/> judges a founding's kind and mode against, so both apply one rule.
    /// </summary>
    public async Task<IReadOnlyList<Recommendation>> ClassifyAllAsync(IEnumerable<Guid> organizationIds, CancellationToken cancellationToken = default)
    {
        var recommendations = new List<Recommendation>();
        foreach (var id in organizationIds.Distinct()) recommendations.Add(await ClassifyAsync(id, cancellationToken));
        return recommendations;
    }

    /// <summary>
    /// The eligible organizations of a region that no founded body covers yet, most urgent first: by priority, then
    /// by the number of women. Neighbours are looked for inside the region.
    /// </summary>
    public async Task<IReadOnlyList<Recommendation>> PlanAsync(RegionCode within, int limit = 200, CancellationToken cancellationToken = default)
    {
        await using var db = await writer.ReadAsync(cancellationToken);
        var region = db.Organizations.AsNoTracking().Within(o => o.RegionCode, within);
        var organizations = await region.ToListAsync(cancellationToken);
        var covered = (await CoveringBodies(db, region).ToListAsync(cancellationToken))
            .DistinctBy(c => c.OrganizationId)
            .ToDictionary(c => c.OrganizationId, c => c.Body);
        var index = new NeighbourIndex(organizations);
        return
        [
            .. organizations
                .Where(o => !covered.ContainsKey(o.Id))
                .Select(o => (Organization: o, Recommendation: classifier.Classify(o, index.For(o), null)))
                .Where(x => x.Recommendation.IsEligible)
                .OrderBy(x => x.Recommendation.Priority)
                .ThenByDescending(x => x.Organization.WomenCount)
                .ThenBy(x => x.Organization.Name, StringComparer.Ordinal)
                .Take(Math.Clamp(limit, 1, 5_000))
                .Select(x => x.Recommendation),
        ];
    }

    private static IQueryable<OrganizationRow> Candidates(FederationDbContext db, OrganizationRow subject)
    {
        var owner = subject.OwnerGroup;
        var site = subject.Site;
        var industry = subject.Industry;
        var township = NeighbourIndex.IsBase(subject) && subject.RegionCode.Length >= 9 ? subject.RegionCode[..9] : null;
        var district = subject.RegionCode[..Math.Min(6, subject.RegionCode.Length)];
        return db.Organizations.AsNoTracking().Where(o => o.Id != subject.Id && o.OperatingStatus == OperatingStatus.Operating && (
            owner != null && o.OwnerGroup == owner
            || site != null && (o.Site == site || o.Name == site)
            || township != null && (o.Kind == OrganizationKind.Park || o.Kind == OrganizationKind.IndustrialBase) && o.RegionCode.StartsWith(township)
            || industry != null && o.Industry == industry && o.RegionCode.StartsWith(district)
                && (o.Kind == OrganizationKind.IndustryAssociation || o.Kind == OrganizationKind.Chamber || o.Kind == OrganizationKind.Platform)));
    }

    private sealed record Covering(Guid OrganizationId, CoveringBody Body);

    private static IQueryable<Covering> CoveringBodies(FederationDbContext db, IQueryable<OrganizationRow> organizations) =>
        from m in db.BodyMembers
        join b in db.Bodies on m.BodyId equals b.Id
        join o in organizations on m.OrganizationId equals o.Id
        where b.Status == FederationBodyStatus.Founded
        select new Covering(m.OrganizationId, new CoveringBody(b.Id, b.Name, b.Kind));
}
