using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Workflow.Federation.Regions;
using Workflow.Server.Accounts;
using Workflow.Server.Pages.Site;
using Workflow.Server.Regions;

namespace Workflow.Server.Pages.Admin;

/// <summary>
/// 区域: the tree as it stands (province → city → county → township → village), a region added under the parent its code names,
/// and regions imported from a CSV. A region without its parent is refused unless a new root is asked for, as the API does.
/// </summary>
[Authorize(Policy = Policies.Admin)]
public sealed class RegionsModel(RegionService regions) : PageModel
{
    [BindProperty] public string? Code { get; set; }
    [BindProperty] public string? Name { get; set; }
    [BindProperty] public bool NewRoot { get; set; }

    public IReadOnlyList<RegionView> All { get; private set; } = [];
    public ILookup<string, RegionView> Children { get; private set; } = Array.Empty<RegionView>().ToLookup(r => "");
    public IReadOnlyList<RegionView> Roots { get; private set; } = [];
    public Dictionary<string, string> Errors { get; } = new(StringComparer.OrdinalIgnoreCase);
    public string? Done { get; private set; }

    public Task OnGetAsync(CancellationToken cancellationToken) => LoadAsync(cancellationToken);

    public async Task<IActionResult> OnPostAddAsync(CancellationToken cancellationToken)
    {
        RegionView? added = null;
        if (await AdminForms.TryAsync(this, Errors, async () => added = await regions.CreateAsync(new NewRegion(Code?.Trim() ?? "", Name?.Trim() ?? "", NewRoot), cancellationToken)))
        {
            Done = Text.RegionAdded.Format(added!.Name, added.Code);
            (Code, Name, NewRoot) = (null, null, false);
        }
        await LoadAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostImportAsync(IFormFile? file, bool importNewRoot, CancellationToken cancellationToken)
    {
        if (file is null || file.Length == 0)
        {
            Errors["file"] = Text.ImportPickFile;
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }
        else
        {
            RegionImportResult? result = null;
            await using var stream = file.OpenReadStream();
            if (await AdminForms.TryAsync(this, Errors, async () => result = await regions.ImportCsvAsync(stream, importNewRoot, cancellationToken)))
                Done = Text.RegionsImported.Format(result!.Created, result.Renamed, result.Unchanged, result.Attached);
        }
        await LoadAsync(cancellationToken);
        return Page();
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        All = await regions.ListAsync(Caller.From(User), null, cancellationToken);
        Children = All.Where(r => r.ParentCode is not null).ToLookup(r => r.ParentCode!);
        Roots = [.. All.Where(r => r.ParentCode is null)];
    }

    /// <summary>The import's refusals name CSV lines; a single region's name its fields. Both show beside their form.</summary>
    public IEnumerable<KeyValuePair<string, string>> ErrorsOf(bool import) =>
        Errors.Where(e => (e.Key == "file" || e.Key.StartsWith("line ", StringComparison.Ordinal)) == import && e.Key.Length > 0);

    public static string LevelName(RegionLevel level) => level switch
    {
        RegionLevel.Province => Text.LevelProvince,
        RegionLevel.City => Text.LevelCity,
        RegionLevel.District => Text.LevelCounty,
        RegionLevel.Township => Text.LevelTownship,
        _ => Text.LevelVillage,
    };
}
