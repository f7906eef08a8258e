using Workflow.Engine.Definitions;

namespace Workflow.Server.Diagrams;

internal enum NodeShape { Start, End, Task, Decision, Bar, Timer, Child, System }

/// <summary>One activity as drawn: its shape, its wrapped title, a small caption (who acts, what kind of step), and its size.</summary>
internal sealed record DiagramNode(string Id, NodeShape Shape, IReadOnlyList<string> Lines, string? Caption, double Width, double Height);

/// <summary>One connection: the outcome of <see cref="From"/> that leads to <see cref="To"/>, with the words shown on its arrow.</summary>
internal sealed record DiagramEdge(string From, string To, string Outcome, string? Label, double LabelWidth);

/// <summary>What a definition looks like before layout: every activity a node, every entry of every <c>next</c> an edge.</summary>
internal sealed record DiagramGraph(IReadOnlyList<DiagramNode> Nodes, IReadOnlyList<DiagramEdge> Edges)
{
    public const double FontSize = 13;
    public const double CaptionSize = 11;
    public const double LineHeight = 18;
    public const double LabelSize = 11;
    public const double LabelHeight = 16;
    private const double BoxWidth = 156;
    private const double Padding = 10;

    public static DiagramGraph Of(WorkflowDefinition definition, DiagramWords words)
    {
        var nodes = definition.Activities.Select(a => Node(a, words)).ToList();
        var loops = OnLoops(definition);
        var edges = definition.Activities
            .SelectMany(a => a.Next.Select(n => (From: a, Outcome: n.Key, To: n.Value)))
            .Select(e => words.Outcome(e.From, e.Outcome) is { } label
                ? new DiagramEdge(e.From.Id, e.To, e.Outcome, label, LabelWidthOf(label, loops.Contains((e.From.Id, e.To)) ? words.Times(99) : ""))
                : new DiagramEdge(e.From.Id, e.To, e.Outcome, null, 0))
            .ToList();
        return new DiagramGraph(nodes, edges);
    }

    public static double LabelWidthOf(string label, string suffix = "") => DiagramText.Width(label + suffix, LabelSize) + 8;

    /// <summary>
    /// The connections that lie on a loop (their target leads back to their source): only they can be taken more than once,
    /// so only their labels keep room for a count.
    /// </summary>
    private static HashSet<(string, string)> OnLoops(WorkflowDefinition definition)
    {
        bool Reaches(string from, string to)
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            var queue = new Queue<string>([from]);
            while (queue.TryDequeue(out var id))
            {
                if (id == to) return true;
                if (seen.Add(id) && definition.TryGetActivity(id, out var activity)) foreach (var next in activity.Next.Values) queue.Enqueue(next);
            }
            return false;
        }
        return definition.Activities.SelectMany(a => a.Next.Values.Select(to => (a.Id, to))).Where(e => Reaches(e.to, e.Id)).ToHashSet();
    }

    private static DiagramNode Node(ActivityDefinition activity, DiagramWords words) => activity switch
    {
        StartActivity => Pill(activity.Id, NodeShape.Start, activity.Name ?? words.Start, null),
        EndActivity end => Pill(activity.Id, NodeShape.End, activity.Name ?? words.Result(end.Outcome), words.End),
        UserTaskActivity task => Box(activity.Id, NodeShape.Task, task.Title ?? task.Name ?? task.Id, words.Actor(task.Assignee)),
        DecisionActivity => Diamond(activity.Id, activity.Name ?? words.Decision),
        ForkActivity => Bar(activity.Id, activity.Name ?? words.Fork),
        JoinActivity join => Bar(activity.Id, activity.Name ?? words.Join(join)),
        TimerActivity timer => Box(activity.Id, NodeShape.Timer, timer.Name ?? words.Timer, words.Waits(timer)),
        ChildWorkflowActivity child => Box(activity.Id, NodeShape.Child, child.Name ?? child.WorkflowId, words.ChildWorkflow),
        ActionActivity => Box(activity.Id, NodeShape.System, activity.Name ?? activity.Id, words.Action),
        SetVariableActivity set => Box(activity.Id, NodeShape.System, set.Name ?? set.Variable, words.SetVariable),
        NotifyActivity => Box(activity.Id, NodeShape.System, activity.Name ?? activity.Id, words.Notify),
        _ => Box(activity.Id, NodeShape.System, activity.Name ?? activity.Id, null),
    };

    private static DiagramNode Box(string id, NodeShape shape, string title, string? caption)
    {
        // A timer keeps room for its clock on the left; a sub-process for its marker at the bottom.
        var inset = shape == NodeShape.Timer ? 22 : 0;
        var lines = DiagramText.Wrap(title, FontSize, BoxWidth - 2 * Padding - inset);
        var captionLines = caption is null ? 0 : 1;
        var height = 2 * Padding + lines.Count * LineHeight + captionLines * (CaptionSize + 5) + (shape == NodeShape.Child ? 12 : 0);
        var width = Math.Max(BoxWidth, (caption is null ? 0 : DiagramText.Width(caption, CaptionSize)) + 2 * Padding + inset);
        return new DiagramNode(id, shape, lines, caption, width, height);
    }

    private static DiagramNode Pill(string id, NodeShape shape, string title, string? caption)
    {
        var lines = DiagramText.Wrap(title, FontSize, BoxWidth - 2 * Padding);
        var textWidth = lines.Select(l => DiagramText.Width(l, FontSize)).Append(caption is null ? 0 : DiagramText.Width(caption, CaptionSize)).Max();
        var height = 14 + lines.Count * LineHeight + (caption is null ? 0 : CaptionSize + 4);
        return new DiagramNode(id, shape, lines, caption, Math.Max(72, textWidth + 2 * Padding + height / 2), height);
    }

    private static DiagramNode Diamond(string id, string title)
    {
        var lines = DiagramText.Wrap(title, FontSize, 96);
        var textHeight = lines.Count * LineHeight;
        var height = Math.Max(52, textHeight * 2 + 12);
        // The text block must fit inside the diamond: at half its height from the middle, the diamond is still this wide.
        var textWidth = lines.Max(l => DiagramText.Width(l, FontSize)) + 8;
        var width = Math.Max(96, textWidth / (1 - textHeight / height));
        return new DiagramNode(id, NodeShape.Decision, lines, null, width, height);
    }

    private static DiagramNode Bar(string id, string title)
    {
        var width = Math.Max(BoxWidth, DiagramText.Width(title, CaptionSize) + 2 * Padding);
        return new DiagramNode(id, NodeShape.Bar, [title], null, width, 20);
    }
}
