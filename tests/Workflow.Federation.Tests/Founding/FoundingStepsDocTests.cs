using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Workflow.Engine;
using Workflow.Engine.Definitions;
using Workflow.Federation.Tests.Support;

namespace Workflow.Federation.Tests.Founding;

/// <summary>
/// docs/founding.md lists every step of <c>workflows/founding.json</c> and of the election it runs as a child workflow
/// (<c>workflows/election.json</c>, shared with re-election) and of re-election (<c>workflows/re-election.json</c>) with its outcomes and form fields. Each table is generated from
/// its definition, loaded as the engine loads it, and this test regenerates it and compares, so the doc cannot drift from the
/// workflow. After changing the definition, run it once with <c>WORKFLOW_WRITE_DOCS=1</c> to rewrite the table.
/// </summary>
public sealed class FoundingStepsDocTests
{
    [Theory]
    [InlineData("founding")]
    [InlineData("election")]
    [InlineData("re-election")]
    public void TheFoundingDoc_ListsEveryStepWithItsOutcomesAndFormFields_AsTheDefinitionHasThem(string workflow)
    {
        var begin = $"<!-- {workflow} steps: generated from workflows/{workflow}.json by tests/Workflow.Federation.Tests/Founding/FoundingStepsDocTests.cs -->";
        var end = $"<!-- end of {workflow} steps -->";
        var root = Repository.Root();
        var docPath = Path.Combine(root, "docs", "founding.md");
        var doc = File.ReadAllText(docPath).ReplaceLineEndings("\n");
        var generated = StepsTable(Load(Path.Combine(root, "workflows", workflow + ".json")));
        var start = doc.IndexOf(begin, StringComparison.Ordinal);
        var stop = doc.IndexOf(end, StringComparison.Ordinal);
        Assert.True(start >= 0 && stop > start, $"docs/founding.md has no section between '{begin}' and '{end}'");
        var current = doc[(start + begin.Length)..stop].Trim('\n');

        if (Environment.GetEnvironmentVariable("WORKFLOW_WRITE_DOCS") == "1" && current != generated)
        {
            File.WriteAllText(docPath, doc[..(start + begin.Length)] + "\n" + generated + "\n" + doc[stop..]);
            return;
        }
        Assert.Equal(generated, current);
    }

    /// <summary>Loads the definition with the engine's own loader; its action handlers are only named here, never run.</summary>
    private static WorkflowDefinition Load(string path)
    {
        var json = File.ReadAllText(path);
        var handlers = ((JsonArray)JsonNode.Parse(json)!["activities"]!).Select(a => (string?)a!["handler"]).OfType<string>().Distinct()
            .Select(name => (IActionHandler)new NamedOnly(name));
        return new DefinitionLoader(new ActionRegistry(handlers)).Load(json, path);
    }

    private static string StepsTable(WorkflowDefinition definition)
    {
        var text = new StringBuilder();
        text.Append("| step | title | who decides | outcomes → next step | form fields | due |\n|---|---|---|---|---|---|\n");
        foreach (var activity in definition.Activities)
        {
            var row = activity switch
            {
                UserTaskActivity task => Row(task.Id, task.Title ?? "", Who(task.Assignee), Outcomes(task.Next, task.Outcomes), Fields(task.Form), Due(task)),
                ActionActivity action => Row(action.Id, $"C# step `{action.Handler}`", "the service", Outcomes(action.Next, action.Next.Keys), "", ""),
                ChildWorkflowActivity child => Row(child.Id, $"child workflow `{child.WorkflowId}`", "the service", Outcomes(child.Next, child.Next.Keys), "", ""),
                DecisionActivity decision => Row(decision.Id, $"decision `{decision.Expression}`", "the service", Outcomes(decision.Next, decision.Next.Keys), "", ""),
                EndActivity finish => Row(finish.Id, $"end: `{finish.Outcome}`", "", "", "", ""),
                _ => null,
            };
            if (row is not null) text.Append(row).Append('\n');
        }
        return text.ToString().TrimEnd('\n');
    }

    private static string Row(params string[] cells) => "| " + string.Join(" | ", cells.Select(c => c.Replace("|", "\\|", StringComparison.Ordinal))) + " |";

    private static string Who(TaskAssignment assignee) => assignee.ApproverKind is { } kind ? $"`{assignee.Role}` ({kind})" : $"`{assignee.Role}`";

    private static string Outcomes(IReadOnlyDictionary<string, string> next, IEnumerable<string> outcomes) =>
        string.Join("; ", outcomes.Select(o => next.TryGetValue(o, out var to) ? $"`{o}` → {to}" : $"`{o}`"));

    private static string Fields(IReadOnlyList<FormField> form) =>
        string.Join("; ", form.Select(f => $"`{f.Name}` {f.Type.ToString().ToLowerInvariant()}{(f.Required ? ", required" : "")}{(f.Label is { } label ? $" ({label})" : "")}"));

    private static string Due(UserTaskActivity task)
    {
        if (task.Due is not { } due) return "";
        var text = $"{Days(due)}";
        if (task.RemindBefore.Count > 0) text += $", reminders {string.Join(", ", task.RemindBefore.Select(Days))} before";
        if (task.EscalateAfter is { } after) text += $", escalated {Days(after)} after";
        return text;
    }

    private static string Days(TimeSpan span) => span.TotalDays.ToString(CultureInfo.InvariantCulture) + " d";

    private sealed class NamedOnly(string name) : IActionHandler
    {
        public string Name => name;

        public Task<ActionResult> ExecuteAsync(ActionContext context, CancellationToken cancellationToken) =>
            throw new InvalidOperationException("a documentation test runs no step");
    }
}
