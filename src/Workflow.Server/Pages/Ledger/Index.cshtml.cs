using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Workflow.Federation.Common;
using Workflow.Federation.Export;
using Workflow.Federation.Ledger;
using Workflow.Federation.Rosters;
using Workflow.Federation.Regions;
using Workflow.Server.Accounts;

namespace Workflow.Server.Pages.Ledger;

/// <summary>台账: the organizations of the caller's region with their latest figures, filtered, a screen at a time by keyset.</summary>
[Authorize(Policy = Policies.Officer)]
public sealed class IndexModel(LedgerBrowse browse, LedgerExporter exporter) : PageModel
{
    public const int PageSize = 50;

    [BindProperty(SupportsGet = true, Name = "q")] public string? Text { get; set; }
    [BindProperty(SupportsGet = true)] public string? Region { get; set; }
    [BindProperty(SupportsGet = true)] public Sector? Sector { get; set; }
    [BindProperty(SupportsGet = true)] public OrganizationKind? Kind { get; set; }
    [BindProperty(SupportsGet = true)] public bool? Party { get; set; }
    [BindProperty(SupportsGet = true)] public bool? Key { get; set; }
    [BindProperty(SupportsGet = true)] public bool? Founded { get; set; }
    [BindProperty(SupportsGet = true)] public Guid? Campaign { get; set; }
    [BindProperty(SupportsGet = true)] public string? After { get; set; }
    [BindProperty(SupportsGet = true)] public int Size { get; set; } = PageSize;

    public LedgerSlice Slice { get; private set; } = new([], null);
    public string? RegionError { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Slice = await browse.SliceAsync(new LedgerFilter(Query(), Party, Founded, Campaign), After, Size, cancellationToken);

    /// <summary>The ledger as the filters show it (sector, kind, key unit, region), every row, as .xlsx.</summary>
    public async Task<IActionResult> OnGetExportAsync(CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        await exporter.ExportLedgerAsync(buffer, Query(), CultureInfo.CurrentUICulture, cancellationToken);
        return File(buffer.ToArray(), LedgerExporter.ContentType, Site.Text.LedgerFileName + ".xlsx");
    }

    public async Task<IActionResult> OnGetRosterAsync(Roster roster, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        await exporter.ExportRosterAsync(buffer, roster, Query().Within, CultureInfo.CurrentUICulture, cancellationToken);
        return File(buffer.ToArray(), LedgerExporter.ContentType, Labels.Of(roster, CultureInfo.CurrentUICulture) + ".xlsx");
    }

    private LedgerQuery Query()
    {
        var caller = Caller.From(User);
        var region = string.IsNullOrWhiteSpace(Region) ? caller.RegionCode : Region.Trim();
        // A region outside the caller's, or not a code, reads as the caller's own, with a word why.
        if (!RegionCode.TryParse(region, out var within, out _) || !caller.Covers(within.Value))
        {
            RegionError = Site.Text.LedgerRegionRefused.Format(region);
            within = RegionCode.Parse(caller.RegionCode);
        }
        return new LedgerQuery(within, Sector, Kind, Key, Text);
    }

    /// <summary>This page's filters with another cursor (null: the first screen).</summary>
    public string Link(string? after) => QueryString.Create(Filters().Append(new("after", after)).Where(p => !string.IsNullOrEmpty(p.Value))) is var q
        ? "/ledger" + q.ToUriComponent() : "/ledger";

    /// <summary>The export of what the filters show (all of it, not one screen).</summary>
    public string ExportLink => "/ledger" + QueryString.Create(Filters().Append(new("handler", "export")).Where(p => !string.IsNullOrEmpty(p.Value))).ToUriComponent();

    private IEnumerable<KeyValuePair<string, string?>> Filters() =>
    [
        new("q", Text), new("region", Region), new("sector", Sector?.ToString()), new("kind", Kind?.ToString()),
        new("party", Bool(Party)), new("key", Bool(Key)), new("founded", Bool(Founded)), new("campaign", Campaign?.ToString()),
        new("size", Size == PageSize ? null : Size.ToString(CultureInfo.InvariantCulture)),
    ];

    private static string? Bool(bool? value) => value?.ToString().ToLowerInvariant();
}
