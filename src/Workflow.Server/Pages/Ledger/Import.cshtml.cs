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
/// Every step calls the importer the API calls; the file waits in <see cref="UploadStore"/> between steps. The import, and the
/// dry run of a file larger than <see cref="InlineCheckBytes"/>, run as jobs (<see cref="ImportJobs"/>) whose progress page any node serves.
/// </summary>
[Authorize(Policy = Policies.Officer)]
public sealed class ImportModel(LedgerService ledger, LedgerImporter importer, ImportInput input, UploadStore uploads, ImportOptions options, ImportJobs jobs) : PageModel
{
    /// <summary>Files up to this size are checked inside the request (a few thousand rows, answered in about a second); larger ones as a job.</summary>
    public const long InlineCheckBytes = 1024 * 1024;

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

    /// <summary>The dry run: every bad row, nothing written.</summary>
    public async Task<IActionResult> OnPostCheckAsync(CancellationToken cancellationToken)
    {
        if (await PrepareAsync(cancellationToken) is not { } prepared) return NotFound();
        var (campaign, upload, mapping) = prepared;
        await using (upload.File)
        {
            if (upload.File.Length > InlineCheckBytes) return await StartAsync(campaign, upload, mapping, dryRun: true, cancellationToken);
            var settings = await input.SettingsAsync(campaign.RegionCode, new ColumnMapping(mapping), cancellationToken);
            Report = await importer.CheckAsync(upload.File, upload.FileName, Campaign, Caller.From(User).UserName, settings, cancellationToken);
        }
        return Page();
    }

    /// <summary>Starts the import as a job and sends the officer to its progress page.</summary>
    public async Task<IActionResult> OnPostImportAsync(CancellationToken cancellationToken)
    {
        if (await PrepareAsync(cancellationToken) is not { } prepared) return NotFound();
        var (campaign, upload, mapping) = prepared;
        await using (upload.File) return await StartAsync(campaign, upload, mapping, dryRun: false, cancellationToken);
    }

    private async Task<IActionResult> StartAsync(SurveyCampaign campaign, (Stream File, string FileName) upload, IReadOnlyDictionary<string, string> mapping, bool dryRun,
        CancellationToken cancellationToken)
    {
        var expected = await ExpectedRowsAsync(upload.File, cancellationToken);
        var run = await jobs.StartAsync(new ImportOrder(Caller.From(User).UserName, campaign.Id, campaign.RegionCode, Token, upload.FileName, dryRun, mapping, expected),
            cancellationToken);
        return Redirect($"/ledger/import/{run}");
    }

    /// <summary>The open campaign of the officer's, its uploaded file and the officer's mapping; null when the campaign or the file is not found.</summary>
    private async Task<(SurveyCampaign Campaign, (Stream File, string FileName) Upload, IReadOnlyDictionary<string, string> Mapping)?> PrepareAsync(CancellationToken cancellationToken)
    {
        await LoadCampaignsAsync(cancellationToken);
        var campaign = Campaigns.FirstOrDefault(c => c.Id == Campaign);
        var upload = campaign is null ? null : await OpenAsync(cancellationToken);
        if (campaign is null || upload is null) return null;
        // Every field the form sent: a chosen heading, or "" for a field the file does not have.
        return (campaign, upload.Value, Map.Where(m => LedgerFields.ForKey(m.Key) is not null).ToDictionary(m => m.Key, m => m.Value ?? ""));
    }

    /// <summary>About how many rows a CSV holds (its lines less the heading), for the progress bar; null for a workbook, which does not say cheaply.</summary>
    private static async Task<int?> ExpectedRowsAsync(Stream file, CancellationToken cancellationToken)
    {
        file.Position = 0;
        var buffer = new byte[1 << 16];
        long lines = 0;
        var first = true;
        for (int n; (n = await file.ReadAsync(buffer, cancellationToken)) > 0; first = false)
        {
            if (first && buffer.AsSpan(0, n).StartsWith("PK"u8)) return null;
            lines += buffer.AsSpan(0, n).Count((byte)'\n');
        }
        return (int)Math.Clamp(lines - 1, 0, int.MaxValue);
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
