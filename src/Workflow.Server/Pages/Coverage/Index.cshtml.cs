using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Workflow.Federation.Common;
using Workflow.Federation.Coverage;
using Workflow.Federation.Regions;
using Workflow.Server.Accounts;
using Workflow.Server.Pages.Site;

namespace Workflow.Server.Pages.Coverage;

/// <summary>A line of the coverage table: a child region (a link to drill into), or the region's own organizations (no link).</summary>
public sealed record CoverageLine(string? RegionCode, string Name, CoverageFigures Figures, TargetProgress? Target);

/// <summary>A year of the trend with the region's target for it, if one is set.</summary>
public sealed record TrendYear(FoundedInYear Founded, CoverageTarget? Target);

/// <summary>
/// 覆盖: the chosen region's coverage per child region and per sector, against the year's target, with charts; a child's name drills
/// down, the breadcrumbs lead back up as far as the officer's own region. Targets of the region are set here by an officer whose
/// region holds it (seed 004's 下任务: a district sets its towns' tasks).
/// </summary>
[Authorize(Policy = Policies.Officer)]
public sealed class IndexModel(CoverageService coverage, CoverageTable table, TimeProvider clock) : PageModel
{
    /// <summary>How many years the trend shows before the chosen one when no earlier founding or target reaches further back.</summary>
    private const int TrendYears = 4;

    [BindProperty(SupportsGet = true)] public string? Region { get; set; }
    [BindProperty(SupportsGet = true)] public int? Year { get; set; }

    public CoverageNode Node { get; private set; } = null!;
    public string RegionName { get; private set; } = "";
    public int ShownYear { get; private set; }
    public IReadOnlyList<(string Code, string Name)> Breadcrumbs { get; private set; } = [];
    public IReadOnlyList<CoverageLine> Lines { get; private set; } = [];
    public IReadOnlyList<TrendYear> Trend { get; private set; } = [];
    public string? TargetError { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken) =>
        Resolve() is { } region ? await LoadAsync(region, cancellationToken) : Refused();

    /// <summary>Sets the shown region's target for a year: bodies and micro-homes to stand by that year's end.</summary>
    public async Task<IActionResult> OnPostTargetAsync(int targetYear, int bodies, int microHomes, CancellationToken cancellationToken)
    {
        if (Resolve() is not { } region) return Refused();
        try
        {
            // A number that does not parse leaves the model state invalid; the service refuses a year out of range or a negative count.
            if (ModelState.IsValid) await coverage.SetTargetAsync(region, targetYear, bodies, microHomes, Caller.From(User).UserName, cancellationToken);
        }
        catch (FederationValidationException)
        {
            ModelState.AddModelError("target", Words.TargetInvalid);
        }
        if (!ModelState.IsValid)
        {
            TargetError = Words.TargetInvalid;
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return await LoadAsync(region, cancellationToken);
        }
        TempData["Notice"] = Words.TargetSaved.Format(targetYear, bodies, microHomes);
        return Redirect(Link(region.Value, Year));
    }

    public static string Link(string region, int? year) =>
        "/coverage" + QueryString.Create([new("region", region), .. year is null ? Array.Empty<KeyValuePair<string, string?>>() : [new("year", year.Value.ToString(System.Globalization.CultureInfo.InvariantCulture))]]).ToUriComponent();

    private RegionCode? Resolve() => CoverageTable.Resolve(Caller.From(User), Region);

    /// <summary>Another region, or not a region code: refused as the API refuses it, never shown as the officer's own.</summary>
    private StatusCodeResult Refused() => StatusCode(CoverageTable.RefusalStatus(Region));

    private async Task<IActionResult> LoadAsync(RegionCode region, CancellationToken cancellationToken)
    {
        ShownYear = Math.Clamp(Year ?? ChinaInstant.Of(clock.GetUtcNow()).LocalDate.Year, 2000, 2100);
        var view = await table.LoadAsync(Caller.From(User), region, ShownYear, cancellationToken);
        (Node, RegionName, Breadcrumbs, Lines) = (view.Node, view.RegionName, view.Breadcrumbs, view.Lines);
        var targets = (await coverage.ListTargetsAsync(region, cancellationToken)).Where(t => t.RegionCode == region.Value).ToList();
        var founded = await coverage.GetTrendAsync(region, Math.Min(ShownYear - TrendYears, targets.Select(t => t.Year).DefaultIfEmpty(ShownYear).Min()),
            Math.Max(ShownYear, targets.Select(t => t.Year).DefaultIfEmpty(ShownYear).Max()), cancellationToken);
        Trend = [.. founded.Select(f => new TrendYear(f, targets.FirstOrDefault(t => t.Year == f.Year)))];
        return Page();
    }
}
