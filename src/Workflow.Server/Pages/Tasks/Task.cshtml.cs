using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Workflow.Engine;
using Workflow.Server.Accounts;
using Workflow.Server.Pages.Site;
using Workflow.Server.Problems;
using Workflow.Server.Tasks;

namespace Workflow.Server.Pages.Tasks;

/// <summary>
/// One task: the request, why it came back, the history, and the decision form rendered from the step's definition
/// (no page code per step). Deciding goes through <see cref="TaskActions.DecideAsync"/>, the API's path and checks.
/// </summary>
public sealed class TaskModel(TaskActions actions) : PageModel
{
    public TaskDetail? Detail { get; private set; }
    /// <summary>Set when someone else decided the task first (409): who and when, as a sentence.</summary>
    public string? DecidedElsewhere { get; private set; }
    public Dictionary<string, string> Errors { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, string> Values { get; } = new(StringComparer.Ordinal);
    public string? Comment { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken) => await LoadAsync(id, cancellationToken) ?? Page();

    public async Task<IActionResult> OnPostAsync(Guid id, string? outcome, string? comment, CancellationToken cancellationToken)
    {
        if (await LoadAsync(id, cancellationToken) is { } refused) return refused;
        var detail = Detail!;
        Comment = comment;
        var form = ReadForm(detail.Form);
        if (Errors.Count > 0) return Invalid();
        try
        {
            await actions.DecideAsync(Caller.From(User), id, new DecisionRequest(outcome ?? "", string.IsNullOrWhiteSpace(comment) ? null : comment.Trim(), form), cancellationToken);
        }
        catch (InvalidPayloadException invalid)
        {
            foreach (var error in invalid.Errors) Errors.TryAdd(error.Field.StartsWith("form.", StringComparison.Ordinal) ? error.Field[5..] : error.Field, Word(error.Message));
            return Invalid();
        }
        catch (Exception failure) when (ProblemMapping.Map(failure) is { Status: 409 } conflict)
        {
            DecidedElsewhere = IndexModel.Refusal(conflict);
            Response.StatusCode = StatusCodes.Status409Conflict;
            return Page();
        }
        catch (Exception failure) when (ProblemMapping.Map(failure) is { Status: 400 } problem)
        {
            foreach (var (field, messages) in problem.Extensions.TryGetValue("errors", out var e) && e is IDictionary<string, string[]> errors ? errors : new Dictionary<string, string[]>())
                Errors.TryAdd(field, string.Join(" ", messages));
            return Invalid();
        }
        catch (Exception failure) when (ProblemMapping.Map(failure) is { Status: 403 or 404 } problem)
        {
            return StatusCode(problem.Status);
        }
        TempData["Notice"] = Text.DecidedNotice.Format(detail.Task.Title ?? detail.Task.ActivityId, Outcomes.Word(outcome));
        return LocalRedirect("/tasks");
    }

    public static string InputId(FormFieldView field) => "form-" + field.Name;

    /// <summary>The input a field's type asks for (text areas and tick boxes aside), with the step of a number input.</summary>
    public static (string Type, string? Step) InputType(FormFieldView field) => field.Type switch
    {
        "number" => ("number", "any"),
        "integer" => ("number", "1"),
        "date" => ("date", null),
        _ => ("text", null),
    };

    private async Task<IActionResult?> LoadAsync(Guid id, CancellationToken cancellationToken)
    {
        try
        {
            Detail = await actions.GetAsync(Caller.From(User), id, cancellationToken);
            return null;
        }
        catch (Exception failure) when (ProblemMapping.Map(failure) is { Status: 409 } problem)
        {
            DecidedElsewhere = IndexModel.Refusal(problem);
            Response.StatusCode = StatusCodes.Status409Conflict;
            return Page();
        }
        catch (Exception failure) when (ProblemMapping.Map(failure) is { Status: 403 or 404 } problem)
        {
            return StatusCode(problem.Status);
        }
    }

    private PageResult Invalid()
    {
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    /// <summary>The posted fields as the engine's JSON types; a value that is not of its field's type is an error here, before the engine sees it.</summary>
    private JsonObject ReadForm(IReadOnlyList<FormFieldView> fields)
    {
        var form = new JsonObject();
        foreach (var field in fields)
        {
            var raw = Request.Form["form." + field.Name].ToString().Trim();
            Values[field.Name] = raw;
            if (field.Type == "boolean")
            {
                form[field.Name] = raw == "true";
                continue;
            }
            if (raw.Length == 0) continue;
            switch (field.Type)
            {
                case "number" when double.TryParse(raw, NumberStyles.Float, CultureInfo.InvariantCulture, out var number):
                    form[field.Name] = number;
                    break;
                case "number":
                    Errors[field.Name] = Text.FieldNumber;
                    break;
                case "integer" when long.TryParse(raw, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var whole):
                    form[field.Name] = whole;
                    break;
                case "integer":
                    Errors[field.Name] = Text.FieldInteger;
                    break;
                default:
                    form[field.Name] = raw;
                    break;
            }
        }
        return form;
    }

    /// <summary>The engine's checks, in the person's words where they are known; otherwise as the engine said them.</summary>
    private static string Word(string message) => message switch
    {
        "required" => Text.FieldRequired,
        "must be a number" => Text.FieldNumber,
        "must be a whole number" => Text.FieldInteger,
        "must be a date (yyyy-MM-dd)" => Text.FieldDate,
        _ => message,
    };
}
