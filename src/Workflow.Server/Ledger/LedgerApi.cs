using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Workflow.Federation.Classification;
using Workflow.Federation.Common;
using Workflow.Federation.Export;
using Workflow.Federation.Import;
using Workflow.Federation.Ledger;
using Workflow.Server.Accounts;
using Workflow.Server.ApiDocs;
using Workflow.Server.Hosting;
using Workflow.Server.Problems;

namespace Workflow.Server.Ledger;

public sealed record OrganizationChange(int Revision, [Present] OrganizationFacts Facts, Guid? CampaignId);

public sealed record NewOrganization([Present] OrganizationFacts Facts, Guid? CampaignId);

/// <summary>The ledger (台账): organizations and their survey history, survey campaigns, imports and exports.</summary>
public static class LedgerApi
{
    private const long ImportLimit = 64L * 1024 * 1024;
    private const string Xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public static IEndpointRouteBuilder MapLedgerApi(this IEndpointRouteBuilder app)
    {
        var organizations = app.MapGroup("/api/organizations").WithTags("Ledger").WithCommonProblems().RequireAuthorization();
        organizations.MapGet("/", Query).WithSummary("The ledger in the caller's region, a screen at a time by keyset (?after= the previous answer's next; pageSize up to 200): "
            + "filter by region, sector, kind, key unit, party organization, founded, campaign, name or credit code");
        organizations.MapGet("/{id:guid}", Get).WithSummary("One organization");
        organizations.MapGet("/{id:guid}/history", History).WithSummary("Every survey of the organization: figures over time, who changed what");
        organizations.MapGet("/{id:guid}/recommendation", Recommend).WithSummary("Key unit, priority and founding mode, with reasons");
        organizations.MapPost("/", Create).RequireAuthorization(Policies.Officer).WithSummary("Record an organization (a survey row)");
        organizations.MapPut("/{id:guid}", Update).RequireAuthorization(Policies.Officer).WithProblems(409).WithSummary("Re-survey an organization; send the revision you read");
        app.MapGet("/api/ledger/export", Export).WithTags("Ledger").RequireAuthorization().WithSummary("The ledger as .xlsx");
        app.MapGet("/api/classification/plan", Plan).WithTags("Ledger").RequireAuthorization().WithSummary("Recommendations for the region, key units first");

        var campaigns = app.MapGroup("/api/campaigns").WithTags("Surveys").WithCommonProblems().RequireAuthorization();
        campaigns.MapGet("/", Campaigns).WithSummary("Survey campaigns (摸排) in the caller's region");
        campaigns.MapPost("/", OpenCampaign).RequireAuthorization(Policies.Officer).WithSummary("Open a survey campaign for a region");
        campaigns.MapPost("/{id:guid}/close", CloseCampaign).RequireAuthorization(Policies.Officer).WithSummary("Close a campaign");
        campaigns.MapPost("/{id:guid}/import", Import).RequireAuthorization(Policies.Officer).WithBodyLimit(ImportLimit).DisableAntiforgery()
            .WithProblems(422).AcceptsUpload("the ledger as .xlsx or .csv", "mapping")
            .WithSummary("Import .xlsx or .csv, told apart by content (UTF-8 or GB18030, detected); ?dryRun=true reports every bad row; an import is all rows or none; "
                + "mapping (form field or query) is a JSON object of field key → the file's heading, e.g. {\"regionCode\":\"所属区域\"}, remembered for the campaign's next file");
        campaigns.MapPost("/{id:guid}/import/columns", Columns).RequireAuthorization(Policies.Officer).WithBodyLimit(ImportLimit).DisableAntiforgery()
            .AcceptsUpload("the ledger as .xlsx or .csv")
            .WithSummary("A file's headings and the column mapping suggested for them (the campaign's remembered one, else known synonyms)");
        return app;
    }

    /// <summary>A screen of the ledger by keyset: pass the <c>next</c> of one answer as <c>after</c> to read the next (null on the last).</summary>
    private static async Task<Ok<LedgerSlice>> Query(ClaimsPrincipal user, LedgerBrowse browse, CancellationToken cancellationToken,
        string? region = null, Sector? sector = null, OrganizationKind? kind = null, bool? keyUnit = null, bool? partyOrganization = null, bool? founded = null,
        Guid? campaign = null, string? text = null, string? after = null, int pageSize = 50) =>
        TypedResults.Ok(await browse.SliceAsync(new LedgerFilter(new LedgerQuery(Scope.Of(Caller.From(user), region), sector, kind, keyUnit, text), partyOrganization, founded, campaign),
            after, pageSize, cancellationToken));

    private static async Task<Ok<Organization>> Get(Guid id, ClaimsPrincipal user, LedgerService ledger, CancellationToken cancellationToken) =>
        TypedResults.Ok(await VisibleAsync(id, Caller.From(user), ledger, cancellationToken));

    private static async Task<Ok<IReadOnlyList<SurveyRecord>>> History(Guid id, ClaimsPrincipal user, LedgerService ledger, CancellationToken cancellationToken)
    {
        await VisibleAsync(id, Caller.From(user), ledger, cancellationToken);
        return TypedResults.Ok(await ledger.GetHistoryAsync(id, cancellationToken));
    }

    private static async Task<Ok<Recommendation>> Recommend(Guid id, ClaimsPrincipal user, LedgerService ledger, ClassificationService classification, CancellationToken cancellationToken)
    {
        await VisibleAsync(id, Caller.From(user), ledger, cancellationToken);
        return TypedResults.Ok(await classification.ClassifyAsync(id, cancellationToken));
    }

    private static async Task<Ok<IReadOnlyList<Recommendation>>> Plan(ClaimsPrincipal user, ClassificationService classification, CancellationToken cancellationToken,
        string? region = null, int limit = 200) =>
        TypedResults.Ok(await classification.PlanAsync(Scope.Of(Caller.From(user), region), Math.Clamp(limit, 1, 1000), cancellationToken));

    private static async Task<Created<Organization>> Create(NewOrganization request, ClaimsPrincipal user, LedgerService ledger, CancellationToken cancellationToken)
    {
        var caller = Caller.From(user);
        Scope.Of(caller, request.Facts.RegionCode);
        var created = await ledger.CreateOrganizationAsync(request.Facts, request.CampaignId, caller.UserName, cancellationToken);
        return TypedResults.Created($"/api/organizations/{created.Id}", created);
    }

    private static async Task<Ok<Organization>> Update(Guid id, OrganizationChange request, ClaimsPrincipal user, LedgerService ledger, CancellationToken cancellationToken)
    {
        var caller = Caller.From(user);
        await VisibleAsync(id, caller, ledger, cancellationToken);
        Scope.Of(caller, request.Facts.RegionCode);
        return TypedResults.Ok(await ledger.UpdateOrganizationAsync(id, request.Revision, request.Facts, request.CampaignId, caller.UserName, cancellationToken));
    }

    private static async Task<FileContentHttpResult> Export(ClaimsPrincipal user, LedgerExporter exporter, HttpRequest request, CancellationToken cancellationToken,
        string? region = null, Sector? sector = null, OrganizationKind? kind = null, bool? keyUnit = null)
    {
        using var buffer = new MemoryStream();
        await exporter.ExportLedgerAsync(buffer, new LedgerQuery(Scope.Of(Caller.From(user), region), sector, kind, keyUnit), Culture(request), cancellationToken);
        return TypedResults.File(buffer.ToArray(), Xlsx, "台账.xlsx");
    }

    private static async Task<Ok<IReadOnlyList<SurveyCampaign>>> Campaigns(ClaimsPrincipal user, LedgerService ledger, CancellationToken cancellationToken, string? region = null) =>
        TypedResults.Ok(await ledger.ListCampaignsAsync(Scope.Of(Caller.From(user), region), cancellationToken));

    private static async Task<Created<SurveyCampaign>> OpenCampaign(NewSurveyCampaign request, ClaimsPrincipal user, LedgerService ledger, CancellationToken cancellationToken)
    {
        var caller = Caller.From(user);
        Scope.Of(caller, request.RegionCode);
        var campaign = await ledger.OpenCampaignAsync(request, caller.UserName, cancellationToken);
        return TypedResults.Created($"/api/campaigns/{campaign.Id}", campaign);
    }

    private static async Task<Ok<SurveyCampaign>> CloseCampaign(Guid id, ClaimsPrincipal user, LedgerService ledger, CancellationToken cancellationToken)
    {
        var caller = Caller.From(user);
        Scope.Check(caller, (await ledger.GetCampaignAsync(id, cancellationToken)).RegionCode, "campaign", id);
        return TypedResults.Ok(await ledger.CloseCampaignAsync(id, caller.UserName, cancellationToken));
    }

    private static async Task<Ok<ImportReport>> Import(Guid id, ClaimsPrincipal user, HttpRequest request,
        LedgerService ledger, LedgerImporter importer, ImportInput input, CancellationToken cancellationToken, bool dryRun = false)
    {
        var caller = Caller.From(user);
        var campaign = await ledger.GetCampaignAsync(id, cancellationToken);
        Scope.Check(caller, campaign.RegionCode, "campaign", id);
        var (stream, fileName) = await UploadAsync(request, cancellationToken);
        await using (stream)
        {
            var mapping = ImportInput.ParseMapping(request.HasFormContentType ? request.Form["mapping"].FirstOrDefault() : request.Query["mapping"].FirstOrDefault());
            var settings = await input.SettingsAsync(campaign.RegionCode, mapping, cancellationToken);
            var report = dryRun
                ? await importer.CheckAsync(stream, fileName, id, caller.UserName, settings, cancellationToken)
                : await importer.ImportAsync(stream, fileName, id, caller.UserName, settings, cancellationToken);
            return report.Refusal is null && report.Problems.Count == 0 ? TypedResults.Ok(report) : throw Refused(report);
        }
    }

    private static async Task<Ok<ColumnSuggestion>> Columns(Guid id, ClaimsPrincipal user, HttpRequest request,
        LedgerService ledger, LedgerImporter importer, CancellationToken cancellationToken)
    {
        Scope.Check(Caller.From(user), (await ledger.GetCampaignAsync(id, cancellationToken)).RegionCode, "campaign", id);
        var (stream, _) = await UploadAsync(request, cancellationToken);
        await using (stream) return TypedResults.Ok(await importer.SuggestAsync(stream, id, cancellationToken));
    }

    /// <summary>A refused file or bad rows, dry run or not: a problem whose members are the report's, so the rows to correct come with it.</summary>
    private static ProblemException Refused(ImportReport report) =>
        new(422, report.Refusal is null ? "import-invalid-rows" : "import-refused", "文件未导入 / File not imported", report.Summary.ZhCn,
            new Dictionary<string, object?>
            {
                ["detailEn"] = report.Summary.En,
                ["fileName"] = report.FileName,
                ["format"] = report.Format,
                ["encoding"] = report.Encoding,
                ["dryRun"] = report.DryRun,
                ["rowsRead"] = report.RowsRead,
                ["refusal"] = report.Refusal,
                ["problems"] = report.Problems,
                ["ignoredColumns"] = report.IgnoredColumns,
            });

    /// <summary>A multipart form's first file, or the raw body named by <c>?fileName=</c>.</summary>
    internal static async Task<(Stream Stream, string FileName)> UploadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.HasFormContentType)
        {
            var form = await request.ReadFormAsync(cancellationToken);
            var file = form.Files.Count > 0 ? form.Files[0] : throw ProblemException.Validation(("file", "attach an .xlsx or .csv file"));
            return (file.OpenReadStream(), file.FileName);
        }
        var name = request.Query["fileName"].FirstOrDefault() ?? throw ProblemException.Validation(("fileName", "name the file (?fileName=ledger.xlsx) or send a multipart form"));
        var copy = new MemoryStream();
        await request.Body.CopyToAsync(copy, cancellationToken);
        copy.Position = 0;
        return (copy, name);
    }

    internal static CultureInfo Culture(HttpRequest request) =>
        request.Headers.AcceptLanguage.ToString().StartsWith("en", StringComparison.OrdinalIgnoreCase) ? CultureInfo.GetCultureInfo("en") : CultureInfo.GetCultureInfo("zh-CN");

    private static async Task<Organization> VisibleAsync(Guid id, Caller caller, LedgerService ledger, CancellationToken cancellationToken)
    {
        var organization = await ledger.GetOrganizationAsync(id, cancellationToken);
        Scope.Check(caller, organization.Facts.RegionCode, "organization", id);
        return organization;
    }
}
