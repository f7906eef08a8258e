using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Workflow.Engine.Definitions;

/// <summary>Reads definition JSON into the model, collecting every problem with its JSON path instead of stopping at the first.</summary>
internal sealed class DefinitionParser(AssignmentVocabulary vocabulary)
{
    private static readonly string[] s_types = ["start", "end", "userTask", "decision", "fork", "join", "timer", "setVariable", "notify", "action", "childWorkflow"];
    private readonly List<DefinitionError> _errors = [];

    public static IReadOnlyList<string> ActivityTypes => s_types;

    public (string Id, string Name, List<ActivityDefinition> Activities, List<DefinitionError> Errors) Parse(string json)
    {
        JsonElement root;
        try
        {
            using var document = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
            root = document.RootElement.Clone();
        }
        catch (JsonException ex)
        {
            _errors.Add(new DefinitionError($"line {ex.LineNumber + 1}", $"not valid JSON: {ex.Message}"));
            return ("", "", [], _errors);
        }
        if (root.ValueKind != JsonValueKind.Object)
        {
            _errors.Add(new DefinitionError("", "a definition is a JSON object"));
            return ("", "", [], _errors);
        }
        RejectUnknown(root, "", ["$schema", "id", "name", "description", "activities"]);
        var id = RequiredString(root, "", "id") ?? "";
        if (id.Length > 0 && !IsIdentifier(id)) _errors.Add(new DefinitionError("id", $"'{id}' may only hold letters, digits, '-', '_' and '.'"));
        var name = OptionalString(root, "", "name") ?? id;
        var activities = new List<ActivityDefinition>();
        if (!root.TryGetProperty("activities", out var list) || list.ValueKind != JsonValueKind.Array)
        {
            _errors.Add(new DefinitionError("activities", "required: an array of activities"));
            return (id, name, activities, _errors);
        }
        var index = 0;
        foreach (var item in list.EnumerateArray())
        {
            var path = $"activities[{index++}]";
            var activity = ParseActivity(item, path);
            if (activity is not null) activities.Add(activity with { Name = OptionalString(item, path, "name") });
        }
        return (id, name, activities, _errors);
    }

    private ActivityDefinition? ParseActivity(JsonElement e, string path)
    {
        if (e.ValueKind != JsonValueKind.Object)
        {
            _errors.Add(new DefinitionError(path, "an activity is a JSON object"));
            return null;
        }
        var id = RequiredString(e, path, "id");
        var type = RequiredString(e, path, "type");
        if (id is null || type is null) return null;
        if (!IsIdentifier(id)) _errors.Add(new DefinitionError($"{path}.id", $"'{id}' may only hold letters, digits, '-', '_' and '.'"));
        string[] common = ["id", "type", "name", "description", "next"];
        switch (type)
        {
            case "start":
                RejectUnknown(e, path, common);
                return new StartActivity(id, SingleNext(e, path));
            case "end":
                RejectUnknown(e, path, [.. common, "outcome"]);
                if (e.TryGetProperty("next", out _)) _errors.Add(new DefinitionError($"{path}.next", "an end activity has no next"));
                return new EndActivity(id, OptionalString(e, path, "outcome") ?? ActivityDefinition.Done);
            case "userTask":
                RejectUnknown(e, path, [.. common, "title", "assignee", "outcomes", "form", "due", "remindBefore", "escalateAfter", "escalateTo", "urgentEscalation"]);
                return ParseUserTask(e, path, id);
            case "decision":
                RejectUnknown(e, path, [.. common, "expression"]);
                return new DecisionActivity(id, MapNext(e, path), RequiredString(e, path, "expression") ?? "");
            case "fork":
                RejectUnknown(e, path, common);
                return new ForkActivity(id, BranchList(e, path));
            case "join":
                RejectUnknown(e, path, [.. common, "fork", "mode", "count"]);
                return ParseJoin(e, path, id);
            case "timer":
                RejectUnknown(e, path, [.. common, "delay", "at", "cron", "timeZone"]);
                return ParseTimer(e, path, id);
            case "setVariable":
                RejectUnknown(e, path, [.. common, "variable", "expression"]);
                return new SetVariableActivity(id, SingleNext(e, path), RequiredString(e, path, "variable") ?? "", RequiredString(e, path, "expression") ?? "");
            case "notify":
                RejectUnknown(e, path, [.. common, "to", "subject", "body"]);
                return new NotifyActivity(id, SingleNext(e, path), Assignment(e, path, "to"), RequiredString(e, path, "subject") ?? "", OptionalString(e, path, "body") ?? "");
            case "action":
                RejectUnknown(e, path, [.. common, "handler", "settings"]);
                return new ActionActivity(id, FlexibleNext(e, path), RequiredString(e, path, "handler") ?? "", OptionalObject(e, path, "settings"));
            case "childWorkflow":
                RejectUnknown(e, path, [.. common, "workflow", "input"]);
                return new ChildWorkflowActivity(id, FlexibleNext(e, path), RequiredString(e, path, "workflow") ?? "", OptionalString(e, path, "input"));
            default:
                _errors.Add(new DefinitionError($"{path}.type", $"unknown activity type '{type}' (one of {string.Join(", ", s_types)})"));
                return null;
        }
    }

    private UserTaskActivity ParseUserTask(JsonElement e, string path, string id)
    {
        var outcomes = StringArray(e, path, "outcomes");
        if (outcomes.Count == 0) _errors.Add(new DefinitionError($"{path}.outcomes", "a user task needs at least one outcome"));
        var form = new List<FormField>();
        if (e.TryGetProperty("form", out var fields))
        {
            if (fields.ValueKind != JsonValueKind.Array) _errors.Add(new DefinitionError($"{path}.form", "must be an array of fields"));
            else
            {
                var i = 0;
                foreach (var field in fields.EnumerateArray())
                {
                    var fieldPath = $"{path}.form[{i++}]";
                    if (field.ValueKind != JsonValueKind.Object) { _errors.Add(new DefinitionError(fieldPath, "a field is a JSON object")); continue; }
                    RejectUnknown(field, fieldPath, ["name", "type", "required", "label", "help"]);
                    var name = RequiredString(field, fieldPath, "name") ?? "";
                    if (UserTaskActivity.DecisionFields.Contains(name, StringComparer.Ordinal))
                        _errors.Add(new DefinitionError($"{fieldPath}.name", $"'{name}' is reserved: the decision stores {string.Join(", ", UserTaskActivity.DecisionFields)} beside the form fields"));
                    var typeName = OptionalString(field, fieldPath, "type") ?? "string";
                    if (!Enum.TryParse<FormFieldType>(typeName, ignoreCase: true, out var fieldType) || int.TryParse(typeName, out _))
                        _errors.Add(new DefinitionError($"{fieldPath}.type", $"unknown field type '{typeName}' (string, text, number, integer, boolean, date)"));
                    var required = field.TryGetProperty("required", out var r) && r.ValueKind == JsonValueKind.True;
                    form.Add(new FormField(name, fieldType, required, OptionalString(field, fieldPath, "label"), OptionalString(field, fieldPath, "help")));
                }
            }
        }
        foreach (var dup in form.GroupBy(f => f.Name).Where(g => g.Count() > 1))
            _errors.Add(new DefinitionError($"{path}.form", $"field '{dup.Key}' appears twice"));
        var remind = StringArray(e, path, "remindBefore").Select((d, i) => Duration(d, $"{path}.remindBefore[{i}]")).OfType<TimeSpan>().ToList();
        var due = OptionalDuration(e, path, "due");
        var escalate = OptionalDuration(e, path, "escalateAfter");
        if (due is null && (remind.Count > 0 || escalate is not null))
            _errors.Add(new DefinitionError($"{path}.due", "reminders and escalation need a due date"));
        var escalateTo = e.TryGetProperty("escalateTo", out _) ? Assignment(e, path, "escalateTo") : null;
        if (escalateTo is not null && escalate is null)
            _errors.Add(new DefinitionError($"{path}.escalateTo", "escalateTo needs escalateAfter"));
        var urgent = false;
        if (e.TryGetProperty("urgentEscalation", out var u))
        {
            if (u.ValueKind is not (JsonValueKind.True or JsonValueKind.False)) _errors.Add(new DefinitionError($"{path}.urgentEscalation", "must be true or false"));
            urgent = u.ValueKind == JsonValueKind.True;
            if (urgent && escalate is null) _errors.Add(new DefinitionError($"{path}.urgentEscalation", "urgentEscalation needs escalateAfter"));
        }
        return new UserTaskActivity(id, MapNext(e, path), OptionalString(e, path, "title"), Assignment(e, path, "assignee"), outcomes, form, due, remind, escalate, escalateTo)
        {
            UrgentEscalation = urgent,
        };
    }

    private JoinActivity ParseJoin(JsonElement e, string path, string id)
    {
        var modeName = OptionalString(e, path, "mode") ?? "all";
        var mode = modeName switch { "all" => JoinMode.All, "any" => JoinMode.Any, "n" => JoinMode.N, _ => JoinMode.All };
        if (modeName is not ("all" or "any" or "n")) _errors.Add(new DefinitionError($"{path}.mode", $"unknown join mode '{modeName}' (all, any, n)"));
        var count = 0;
        if (e.TryGetProperty("count", out var c) && !c.TryGetInt32(out count))
            _errors.Add(new DefinitionError($"{path}.count", "must be an integer"));
        if (mode == JoinMode.N && count < 1) _errors.Add(new DefinitionError($"{path}.count", "an n-of-m join needs a count of at least 1"));
        return new JoinActivity(id, SingleNext(e, path), RequiredString(e, path, "fork") ?? "", mode, count);
    }

    private TimerActivity ParseTimer(JsonElement e, string path, string id)
    {
        var delay = OptionalDuration(e, path, "delay");
        DateTimeOffset? at = null;
        string? atExpression = null;
        var atText = OptionalString(e, path, "at");
        if (atText is not null)
        {
            // A literal date-time, or an expression such as input.handoverAt that gives one when the timer opens.
            if (DateTimeOffset.TryParse(atText, CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed) && HasOffset(atText)) at = parsed;
            else if (char.IsDigit(atText.FirstOrDefault()))
                _errors.Add(new DefinitionError($"{path}.at", $"'{atText}' is not an ISO 8601 date-time with an offset (e.g. 2026-12-01T09:30:00+08:00)"));
            else atExpression = atText;
        }
        var cron = OptionalString(e, path, "cron");
        var given = new object?[] { delay, atText, cron }.Count(x => x is not null);
        if (given != 1) _errors.Add(new DefinitionError(path, "a timer needs exactly one of delay, at, cron"));
        var zone = OptionalString(e, path, "timeZone") ?? Schedules.ChinaTimeZoneId;
        if (!Schedules.TryFindZone(zone, out _)) _errors.Add(new DefinitionError($"{path}.timeZone", $"unknown time zone '{zone}'"));
        if (cron is not null && Schedules.CronError(cron) is { } cronError) _errors.Add(new DefinitionError($"{path}.cron", cronError));
        return new TimerActivity(id, SingleNext(e, path), delay, at, cron, zone, atExpression);
    }

    private static bool HasOffset(string text) => text.EndsWith('Z') || text.Length > 6 && (text[^6] is '+' or '-');

    private TaskAssignment Assignment(JsonElement e, string path, string property)
    {
        if (!e.TryGetProperty(property, out var a) || a.ValueKind != JsonValueKind.Object)
        {
            _errors.Add(new DefinitionError($"{path}.{property}", "required: an object with role, approverKind and region"));
            return new TaskAssignment("", null, null);
        }
        var p = $"{path}.{property}";
        RejectUnknown(a, p, ["role", "approverKind", "region", "user"]);
        var role = RequiredString(a, p, "role") ?? "";
        var approverKind = OptionalString(a, p, "approverKind");
        CheckKnown(role, vocabulary.Roles, $"{p}.role", "role");
        CheckKnown(approverKind, vocabulary.ApproverKinds, $"{p}.approverKind", "approver kind");
        return new TaskAssignment(role, approverKind, OptionalString(a, p, "region"), OptionalString(a, p, "user"));
    }

    private void CheckKnown(string? name, IReadOnlyList<string>? known, string path, string what)
    {
        if (string.IsNullOrEmpty(name) || known is null || known.Contains(name, StringComparer.Ordinal)) return;
        _errors.Add(new DefinitionError(path, $"'{name}' is not a known {what} (one of {string.Join(", ", known)})"));
    }

    private Dictionary<string, string> SingleNext(JsonElement e, string path)
    {
        if (!e.TryGetProperty("next", out var next) || next.ValueKind != JsonValueKind.String)
        {
            _errors.Add(new DefinitionError($"{path}.next", "required: the id of the next activity"));
            return [];
        }
        return new() { [ActivityDefinition.Done] = next.GetString()! };
    }

    private Dictionary<string, string> FlexibleNext(JsonElement e, string path) =>
        e.TryGetProperty("next", out var next) && next.ValueKind == JsonValueKind.String ? SingleNext(e, path) : MapNext(e, path);

    private Dictionary<string, string> MapNext(JsonElement e, string path)
    {
        if (!e.TryGetProperty("next", out var next) || next.ValueKind != JsonValueKind.Object)
        {
            _errors.Add(new DefinitionError($"{path}.next", "required: an object mapping each outcome to an activity id"));
            return [];
        }
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var p in next.EnumerateObject())
        {
            if (p.Value.ValueKind != JsonValueKind.String) _errors.Add(new DefinitionError($"{path}.next.{p.Name}", "must be an activity id"));
            else map[p.Name] = p.Value.GetString()!;
        }
        return map;
    }

    private List<string> BranchList(JsonElement e, string path)
    {
        if (!e.TryGetProperty("next", out var next) || next.ValueKind != JsonValueKind.Array || next.GetArrayLength() < 2)
        {
            _errors.Add(new DefinitionError($"{path}.next", "a fork needs an array of at least two activity ids"));
            return [];
        }
        return [.. next.EnumerateArray().Select(b => b.ValueKind == JsonValueKind.String ? b.GetString()! : "")];
    }

    private List<string> StringArray(JsonElement e, string path, string property)
    {
        if (!e.TryGetProperty(property, out var array)) return [];
        if (array.ValueKind != JsonValueKind.Array || array.EnumerateArray().Any(x => x.ValueKind != JsonValueKind.String))
        {
            _errors.Add(new DefinitionError($"{path}.{property}", "must be an array of strings"));
            return [];
        }
        return [.. array.EnumerateArray().Select(x => x.GetString()!)];
    }

    private TimeSpan? OptionalDuration(JsonElement e, string path, string property) =>
        OptionalString(e, path, property) is { } text ? Duration(text, $"{path}.{property}") : null;

    private TimeSpan? Duration(string text, string path)
    {
        if (IsoDuration.TryParse(text, out var span) && span > TimeSpan.Zero) return span;
        _errors.Add(new DefinitionError(path, $"'{text}' is not a positive ISO 8601 duration (e.g. P15D, PT2H, P2W)"));
        return null;
    }

    private string? RequiredString(JsonElement e, string path, string property)
    {
        var value = OptionalString(e, path, property);
        if (value is null && !e.TryGetProperty(property, out _)) _errors.Add(new DefinitionError(Join(path, property), "required"));
        else if (value is { Length: 0 }) _errors.Add(new DefinitionError(Join(path, property), "must not be empty"));
        return value;
    }

    private string? OptionalString(JsonElement e, string path, string property)
    {
        if (!e.TryGetProperty(property, out var value) || value.ValueKind == JsonValueKind.Null) return null;
        if (value.ValueKind == JsonValueKind.String) return value.GetString();
        _errors.Add(new DefinitionError(Join(path, property), $"must be a string, not {value.ValueKind.ToString().ToLowerInvariant()}"));
        return null;
    }

    private JsonObject? OptionalObject(JsonElement e, string path, string property)
    {
        if (!e.TryGetProperty(property, out var value)) return null;
        if (value.ValueKind == JsonValueKind.Object) return JsonNode.Parse(value.GetRawText())!.AsObject();
        _errors.Add(new DefinitionError(Join(path, property), "must be an object"));
        return null;
    }

    private void RejectUnknown(JsonElement e, string path, string[] known)
    {
        foreach (var p in e.EnumerateObject())
            if (!known.Contains(p.Name, StringComparer.Ordinal))
                _errors.Add(new DefinitionError(Join(path, p.Name), $"unknown property (expected one of {string.Join(", ", known)})"));
    }

    private static string Join(string path, string property) => path.Length == 0 ? property : $"{path}.{property}";

    private static bool IsIdentifier(string id) => id.All(c => char.IsLetterOrDigit(c) || c is '-' or '_' or '.');
}
