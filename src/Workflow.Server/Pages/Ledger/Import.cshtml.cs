using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Workflow.Federation.Import;
using Workflow.Federation.Ledger;
using Workflow.Federation.Regions;
using Workflow.Server.Accounts;
using Workflow.Server.Ledger;

namespace Workflow.Server.Pages.Ledger;

/// <summary>
/// 台账导入: (1) upload, (2) map the columns (the suggestion pre-selected), (3) the dry run's bad rows, (4) import all rows.
/// Every step calls the importer the API calls; the file waits in <see cref="UploadStore"/> between steps.
/// </summary>
[Authorize(Policy = Policies.Officer)]
public sealed class ImportModel(LedgerService ledger, LedgerImporter importer, ImportInput input, UploadStore uploads, ImportOptions options) : PageModel
{
    public IReadOnlyList<SurveyCampaign> Campaigns { get; private set; } = [];
    [BindProperty] public Guid Campaign { get; set; }
    [BindProperty] public Guid Token { get; set; }
    [BindProperty] public Dictionary<string, string> Map { get; set; } = [];
    public ColumnSuggestion? Suggestion { get; private set; }
    public ImportReport? Report { get; private set; }
    public string? Error { get; private set; }
    public string Limit => Size(options.MaxFileBytes);

    private static string Size(long bytes) => bytes >= 1024 * 1024 ? $"{bytes / (1024 * 1024.0):0.#} MB" : $"{bytes / 1024.0:0.#} KB";

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadCampaignsAsync(cancellationToken);

    public async Task<IActionResult> OnPostUploadAsync(IFormFile? file, CancellationToken cancellationToken)
    {
        await LoadCampaignsAsync(cancellationToken);
        if (Campaigns.All(c => c.Id != Campaign)) return Refuse(Site.Text.ImportPickCampaign, 400);
        if (file is null || file.Length == 0) return Refuse(Site.Text.ImportPickFile, 400);
        if (file.Length > options.MaxFileBytes) return Refuse(Site.Text.ImportTooLarge.Format(Size(options.MaxFileBytes)), 413);
        await using (var stream = file.OpenReadStream()) Token = await uploads.SaveAsync(stream, file.FileName, Caller.From(User).UserName, cancellationToken);
        var upload = await OpenAsync(cancellationToken);
        if (upload is null) return NotFound();
        await using (upload.Value.File) Suggestion = await importer.SuggestAsync(upload.Value.File, Campaign, cancellationToken);
        if (Suggestion.Refusal is not null) Error = Site.Refusals.Say(Suggestion.Refusal);
        Map = new Dictionary<string, string>(Suggestion.Mapping);
        return Page();
    }

    public Task<IActionResult> OnPostCheckAsync(CancellationToken cancellationToken) => RunAsync(dryRun: true, cancellationToken);

    public Task<IActionResult> OnPostImportAsync(CancellationToken cancellationToken) => RunAsync(dryRun: false, cancellationToken);

    private async Task<IActionResult> RunAsync(bool dryRun, CancellationToken cancellationToken)
    {
        await LoadCampaignsAsync(cancellationToken);
        var campaign = Campaigns.FirstOrDefault(c => c.Id == Campaign);
        var upload = campaign is null ? null : await OpenAsync(cancellationToken);
        if (campaign is null || upload is null) return NotFound();
        // Every field the form sent: a chosen heading, or "" for a field the file does not have.
        var mapping = new ColumnMapping(Map.Where(m => LedgerFields.ForKey(m.Key) is not null).ToDictionary(m => m.Key, m => m.Value ?? ""));
        var settings = await input.SettingsAsync(campaign.RegionCode, mapping, cancellationToken);
        var actor = Caller.From(User).UserName;
        await using (upload.Value.File)
            Report = dryRun
                ? await importer.CheckAsync(upload.Value.File, upload.Value.FileName, Campaign, actor, settings, cancellationToken)
                : await importer.ImportAsync(upload.Value.File, upload.Value.FileName, Campaign, actor, settings, cancellationToken);
        return Page();
    }

    private async Task<(Stream File, string FileName)?> OpenAsync(CancellationToken cancellationToken) =>
        await uploads.OpenAsync(Token, Caller.From(User).UserName, cancellationToken);

    private async Task LoadCampaignsAsync(CancellationToken cancellationToken) =>
        Campaigns = [.. (await ledger.ListCampaignsAsync(RegionCode.Parse(Caller.From(User).RegionCode), cancellationToken)).Where(c => c.Status == CampaignStatus.Open)];

    private PageResult Refuse(string message, int status)
    {
        Error = message;
        Response.StatusCode = status;
        return Page();
    }
}
