using System.Text.Json.Nodes;

namespace Workflow.Engine.Definitions;

/// <summary>One node of a workflow flowchart. <see cref="Next"/> maps each outcome to the id of the following activity.</summary>
public abstract record ActivityDefinition(string Id, IReadOnlyDictionary<string, string> Next)
{
    /// <summary>The outcome of activities that have a single successor.</summary>
    public const string Done = "done";

    /// <summary>What people call the step, from the definition's <c>name</c>; shown where the activity has no title of its own (diagrams).</summary>
    public string? Name { get; init; }

    /// <summary>An activity that waits for the outside world (a person, the clock, a child workflow) and so breaks a loop.</summary>
    public virtual bool Blocks => false;
}

public sealed record StartActivity(string Id, IReadOnlyDictionary<string, string> Next) : ActivityDefinition(Id, Next);

/// <summary>Ends the instance; any branch still open is cancelled. <paramref name="Outcome"/> is what a parent workflow sees.</summary>
public sealed record EndActivity(string Id, string Outcome) : ActivityDefinition(Id, new Dictionary<string, string>());

/// <summary>Who acts: a role (and approver kind) in a region; with <paramref name="UserExpression"/>, one named person of that role (a personal task).</summary>
public sealed record TaskAssignment(string Role, string? ApproverKind, string? RegionExpression, string? UserExpression = null);

public enum FormFieldType { String, Text, Number, Integer, Boolean, Date }

/// <summary>A field of a user task's decision form; <paramref name="Help"/> is the line a form shows under it.</summary>
public sealed record FormField(string Name, FormFieldType Type, bool Required, string? Label, string? Help = null);

public sealed record UserTaskActivity(
    string Id,
    IReadOnlyDictionary<string, string> Next,
    string? Title,
    TaskAssignment Assignee,
    IReadOnlyList<string> Outcomes,
    IReadOnlyList<FormField> Form,
    TimeSpan? Due,
    IReadOnlyList<TimeSpan> RemindBefore,
    TimeSpan? EscalateAfter,
    TaskAssignment? EscalateTo = null) : ActivityDefinition(Id, Next)
{
    /// <summary>The escalation cannot wait: the host delivers it at once on every channel, through quiet hours and digests.</summary>
    public bool UrgentEscalation { get; init; }

    /// <summary>What a decision stores beside its form fields in <c>vars.&lt;task id&gt;</c>; no form field may take these names.</summary>
    public static IReadOnlyList<string> DecisionFields { get; } = [DecisionOutcome, DecisionBy, DecisionAt, DecisionComment];

    public const string DecisionOutcome = "outcome";
    public const string DecisionBy = "by";
    public const string DecisionAt = "at";
    public const string DecisionComment = "comment";

    public override bool Blocks => true;
}

/// <summary>Evaluates a JavaScript expression; a boolean result takes the "true"/"false" outcome, a string result the outcome of that name, else "default".</summary>
public sealed record DecisionActivity(string Id, IReadOnlyDictionary<string, string> Next, string Expression) : ActivityDefinition(Id, Next);

public sealed record ForkActivity(string Id, IReadOnlyList<string> Branches) : ActivityDefinition(Id, Branches.Select((b, i) => (b, i)).ToDictionary(x => $"branch{x.i}", x => x.b));

public enum JoinMode { All, Any, N }

/// <summary>Waits for the branches of <paramref name="ForkId"/>: all of them, any one, or <paramref name="Count"/> of them; the rest are cancelled.</summary>
public sealed record JoinActivity(string Id, IReadOnlyDictionary<string, string> Next, string ForkId, JoinMode Mode, int Count) : ActivityDefinition(Id, Next);

public sealed record TimerActivity(
    string Id,
    IReadOnlyDictionary<string, string> Next,
    TimeSpan? Delay,
    DateTimeOffset? At,
    string? Cron,
    string TimeZone,
    string? AtExpression = null) : ActivityDefinition(Id, Next)
{
    public override bool Blocks => true;
}

public sealed record SetVariableActivity(string Id, IReadOnlyDictionary<string, string> Next, string Variable, string Expression) : ActivityDefinition(Id, Next);

public sealed record NotifyActivity(string Id, IReadOnlyDictionary<string, string> Next, TaskAssignment To, string Subject, string Body) : ActivityDefinition(Id, Next);

/// <summary>Calls the C# handler registered under <paramref name="Handler"/>; its outcome picks the next activity.</summary>
public sealed record ActionActivity(string Id, IReadOnlyDictionary<string, string> Next, string Handler, JsonObject? Settings) : ActivityDefinition(Id, Next);

/// <summary>
/// Starts an instance of <paramref name="WorkflowId"/> and waits for it to end; the child's end outcome picks the next activity,
/// and a child cancelled on its own gives <see cref="CancelledOutcome"/>.
/// </summary>
public sealed record ChildWorkflowActivity(string Id, IReadOnlyDictionary<string, string> Next, string WorkflowId, string? InputExpression) : ActivityDefinition(Id, Next)
{
    /// <summary>The outcome when the child is cancelled while its parent waits; a parent with no route for it faults.</summary>
    public const string CancelledOutcome = "cancelled";

    public override bool Blocks => true;
}
