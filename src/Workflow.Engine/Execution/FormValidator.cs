using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Workflow.Engine.Definitions;

namespace Workflow.Engine.Execution;

/// <summary>Checks a decision on a user task against its outcomes and form before anything changes.</summary>
internal static class FormValidator
{
    public static void Validate(UserTaskActivity task, ResumeRequest request)
    {
        var errors = new List<FieldError>();
        if (string.IsNullOrWhiteSpace(request.Outcome))
            errors.Add(new FieldError("outcome", $"required: one of {string.Join(", ", task.Outcomes)}"));
        else if (!task.Outcomes.Contains(request.Outcome))
            errors.Add(new FieldError("outcome", $"'{request.Outcome}' is not one of {string.Join(", ", task.Outcomes)}"));

        var form = request.Form ?? [];
        foreach (var (name, _) in form)
            if (task.Form.All(f => f.Name != name))
                errors.Add(new FieldError($"form.{name}", "unknown field"));
        foreach (var field in task.Form)
        {
            var value = form[field.Name];
            if (value is null)
            {
                if (field.Required) errors.Add(new FieldError($"form.{field.Name}", "required"));
                continue;
            }
            if (TypeError(field, value) is { } error) errors.Add(new FieldError($"form.{field.Name}", error));
        }
        if (errors.Count > 0) throw new InvalidPayloadException(errors);
    }

    private static string? TypeError(FormField field, JsonNode value)
    {
        var kind = value.GetValueKind();
        return field.Type switch
        {
            FormFieldType.String or FormFieldType.Text when kind != JsonValueKind.String => "must be text",
            FormFieldType.String or FormFieldType.Text when field.Required && string.IsNullOrWhiteSpace(value.GetValue<string>()) => "required",
            FormFieldType.Number when kind != JsonValueKind.Number => "must be a number",
            FormFieldType.Integer when kind != JsonValueKind.Number || !IsWholeNumber(value) => "must be a whole number",
            FormFieldType.Boolean when kind is not (JsonValueKind.True or JsonValueKind.False) => "must be true or false",
            FormFieldType.Date when kind != JsonValueKind.String
                || !DateOnly.TryParseExact(value.GetValue<string>(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _) => "must be a date (yyyy-MM-dd)",
            _ => null,
        };
    }

    // A form built in C# (form["members"] = 7) holds an int rather than a parsed JSON number, and TryGetValue<long> refuses
    // an int; the JSON text is the same either way.
    private static bool IsWholeNumber(JsonNode value) =>
        long.TryParse(value.ToJsonString(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _);
}
