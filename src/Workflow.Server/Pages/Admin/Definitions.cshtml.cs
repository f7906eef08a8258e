using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Workflow.Engine.Definitions;
using Workflow.Persistence.Definitions;
using Workflow.Persistence.Storage;
using Workflow.Server.Accounts;
using Workflow.Server.Engine;
using Workflow.Server.Pages.Site;

namespace Workflow.Server.Pages.Admin;

/// <summary>
/// 流程定义: every definition with its versions and the instances still running on each; a new version published from an uploaded
/// file or the edit box. A definition with any error is refused whole, nothing is published, and each error is listed at its
/// path (<c>activities[4].next.approve</c>) with the text kept in the box to mend.
/// </summary>
[Authorize(Policy = Policies.Admin)]
public sealed class DefinitionsModel(DefinitionCatalog catalog, DefinitionStore store, IDbContextFactory<WorkflowDbContext> contexts) : PageModel
{
    /// <summary>A version to start the edit box from (its JSON, indented).</summary>
    [BindProperty(SupportsGet = true)] public string? From { get; set; }
    [BindProperty(SupportsGet = true)] public int? Version { get; set; }
    [BindProperty] public string? Json { get; set; }

    public IReadOnlyList<IGrouping<string, DefinitionVersionSummary>> Definitions { get; private set; } = [];
    public IReadOnlyList<DefinitionError> Errors { get; private set; } = [];
    public string? Problem { get; private set; }
    public string? Done { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        if (From is not null && Version is { } version) Json = await VersionJsonAsync(contexts, From, version, cancellationToken);
        await LoadAsync(cancellationToken);
    }

    public async Task<IActionResult> OnPostAsync(IFormFile? file, CancellationToken cancellationToken)
    {
        if (file is { Length: > 0 })
        {
            using var reader = new StreamReader(file.OpenReadStream());
            Json = await reader.ReadToEndAsync(cancellationToken);
        }
        if (string.IsNullOrWhiteSpace(Json))
        {
            Problem = Text.DefinitionMissing;
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }
        else
        {
            try
            {
                var published = await store.PublishAsync(Json, file?.FileName ?? "edit box", Caller.From(User).UserName, cancellationToken);
                Done = (published.IsNew ? Text.DefinitionPublished : Text.DefinitionUnchanged).Format(published.DefinitionId, published.Version);
                Json = null;
            }
            catch (DefinitionException invalid)
            {
                // The same refusal the API answers (each error with its path); here the list stands beside the box it came from.
                Errors = invalid.Errors;
                Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            }
        }
        await LoadAsync(cancellationToken);
        return Page();
    }

    /// <summary>The submitted JSON line by line with each error on the line its path starts on; empty when nothing was refused.</summary>
    public IReadOnlyList<AnnotatedLine> AnnotatedLines => Lines?.Annotate(Errors) ?? [];

    public int? LineOf(DefinitionError error) => Lines?.LineOf(error.Path);

    private JsonLines? Lines => _lines ??= Errors.Count == 0 || string.IsNullOrEmpty(Json) ? null : new JsonLines(Json);
    private JsonLines? _lines;

    /// <summary>The id of the activity an error's path points into (<c>activities[4]…</c>), so the admin finds it in the box; null when there is none.</summary>
    public string? ActivityAt(string path)
    {
        var match = System.Text.RegularExpressions.Regex.Match(path, @"^activities\[(\d+)\]");
        if (!match.Success || string.IsNullOrWhiteSpace(Json)) return null;
        try
        {
            return JsonNode.Parse(Json)?["activities"]?[int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)]?["id"] is JsonValue id
                && id.TryGetValue<string>(out var name) ? name : null;
        }
        catch (Exception invalid) when (invalid is JsonException or InvalidOperationException or ArgumentOutOfRangeException)
        {
            return null;
        }
    }

    private async Task LoadAsync(CancellationToken cancellationToken) =>
        Definitions = [.. (await catalog.VersionsAsync(null, cancellationToken)).GroupBy(v => v.DefinitionId)];

    /// <summary>A stored version's JSON, indented for reading and editing; null when there is no such version.</summary>
    public static async Task<string?> VersionJsonAsync(IDbContextFactory<WorkflowDbContext> contexts, string definitionId, int version, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var json = await db.Definitions.AsNoTracking().Where(d => d.DefinitionId == definitionId && d.Version == version).Select(d => d.Json).SingleOrDefaultAsync(cancellationToken);
        return json is null ? null : JsonNode.Parse(json)!.ToJsonString(s_indented);
    }

    private static readonly JsonSerializerOptions s_indented = new() { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
}
