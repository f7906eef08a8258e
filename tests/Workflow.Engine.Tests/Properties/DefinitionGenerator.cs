using System.Globalization;
using System.Text.Json.Nodes;
using static Workflow.Engine.Tests.Support.Definitions;

namespace Workflow.Engine.Tests.Properties;

/// <summary>
/// Generates random valid definitions from a seeded <see cref="Random"/>. They are structured: every fork is closed by its
/// own join, inner before outer, and every loop waits at a user task, so the loader accepts each one. The first outcome of
/// every user task is its "forward" outcome: choosing it always makes progress toward an end.
/// </summary>
internal sealed class DefinitionGenerator(Random random)
{
    /// <summary>A child that waits for one approval and may end rejected.</summary>
    public const string WaitingChild = "prop-child";

    /// <summary>A child that ends as soon as it starts, so its parent moves on in the same transaction.</summary>
    public const string InstantChild = "prop-instant";

    private const int MaxDepth = 3;
    private readonly List<JsonObject> _activities = [];
    private readonly List<string> _numbers = [];
    private int _ids;

    public static IEnumerable<string> Children() =>
    [
        Flow(WaitingChild, Start("sign"), UserTask("sign", Outcomes(("approve", "signed"), ("reject", "refused")), "approve", "reject"),
            End("signed"), End("refused", "rejected")),
        Flow(InstantChild, Start("mark"), Set("mark", "marked", "true", "done"), End("done")),
    ];

    public string Generate(string id)
    {
        _activities.Clear();
        _numbers.Clear();
        _ids = 0;
        _activities.Add(End("done"));
        var first = Block(0, "done");
        return Flow(id, [Start(first), .. Enumerable.Reverse(_activities)]);
    }

    /// <summary>A sequence of steps that leads to <paramref name="then"/>; built back to front, so each step knows its successor.</summary>
    private string Block(int depth, string then)
    {
        var entry = then;
        for (var steps = depth == 0 ? random.Next(2, 7) : random.Next(1, 3); steps > 0; steps--) entry = Step(depth, entry);
        return entry;
    }

    private string Step(int depth, string then) => random.Next(depth < MaxDepth ? 13 : 8) switch
    {
        0 or 1 or 7 => Approval(then),
        2 => SetNumber(then),
        3 => Wait(then),
        4 => Notify(then),
        5 => Add(Action(NewId("act"), "test.register", then)),
        6 => ChildWorkflow(then),
        8 => Decision(depth, then),
        9 => Choice(depth, then),
        10 => ForkJoin(depth, then),
        11 => ReturnForRevision(depth, then),
        _ => CountedLoop(depth, then),
    };

    private string Add(JsonObject activity)
    {
        _activities.Add(activity);
        return activity["id"]!.GetValue<string>();
    }

    private string NewId(string prefix) => $"{prefix}{++_ids}";

    private string EarlyEnd() => Add(End(NewId("end"), "rejected"));

    /// <summary>A user task: approve goes on; sometimes reject ends the instance. Some have a due date, reminders, escalation and a form.</summary>
    private string Approval(string then)
    {
        var rejectable = random.Next(4) == 0;
        var task = rejectable
            ? UserTask(NewId("task"), Outcomes(("approve", then), ("reject", EarlyEnd())), "approve", "reject")
            : UserTask(NewId("task"), Outcomes(("approve", then)), "approve");
        Decorate(task);
        return Add(task);
    }

    private void Decorate(JsonObject task)
    {
        if (random.Next(3) == 0)
        {
            task["due"] = random.Next(2) == 0 ? "P2W" : $"P{random.Next(2, 10)}D";
            task["remindBefore"] = new JsonArray("P1D");
            if (random.Next(2) == 0) task["escalateAfter"] = "PT12H";
        }
        if (random.Next(4) == 0)
            task["form"] = new JsonArray(new JsonObject { ["name"] = "opinion", ["type"] = "text", ["required"] = true }, new JsonObject { ["name"] = "score", ["type"] = "integer" });
    }

    private string SetNumber(string then)
    {
        var name = NewId("n");
        _numbers.Add(name);
        return Add(Set(NewId("set"), name, $"({Number()} + input.seed * {random.Next(1, 7)}) % 11", then));
    }

    /// <summary>A number the instance knows at run time: one set earlier (or not yet: then 0), or the start input.</summary>
    private string Number() => _numbers.Count > 0 && random.Next(3) > 0 ? $"(vars.{_numbers[random.Next(_numbers.Count)]} || 0)" : "input.seed";

    private string Wait(string then) => random.Next(4) switch
    {
        0 => Add(Timer(NewId("wait"), "delay", $"PT{random.Next(1, 72)}H", then)),
        1 => Add(Timer(NewId("wait"), "delay", "P1W", then)),
        2 => Add(Timer(NewId("wait"), "cron", "0 9 * * 1-5", then)),
        _ => Add(Timer(NewId("wait"), "at", $"2026-12-{random.Next(1, 29):D2}T09:30:00+08:00", then)),
    };

    private string Notify(string then) => Add(new JsonObject
    {
        ["id"] = NewId("tell"), ["type"] = "notify", ["to"] = new JsonObject { ["role"] = "officer", ["region"] = "input.region" },
        ["subject"] = "进展 {input.seed}", ["body"] = "{vars}", ["next"] = then,
    });

    private string ChildWorkflow(string then) => random.Next(3) == 0
        ? Add(Child(NewId("child"), InstantChild, Outcomes(("done", then)), "({ seed: input.seed })"))
        : Add(Child(NewId("child"), WaitingChild, Outcomes(("done", then), ("rejected", random.Next(2) == 0 ? then : EarlyEnd())), "({ seed: input.seed })"));

    /// <summary>A true/false decision over the numbers; either side may be empty, and rarely one ends the instance.</summary>
    private string Decision(int depth, string then)
    {
        var id = NewId("if");
        var expression = $"{Number()} % {random.Next(2, 4)} === 0";
        var whenTrue = random.Next(3) == 0 ? then : Block(depth + 1, then);
        var whenFalse = random.Next(8) == 0 ? EarlyEnd() : random.Next(3) == 0 ? then : Block(depth + 1, then);
        return Add(Decide(id, expression, Outcomes(("true", whenTrue), ("false", whenFalse))));
    }

    /// <summary>A decision on a string: two named outcomes and a default.</summary>
    private string Choice(int depth, string then)
    {
        var id = NewId("pick");
        var expression = $"'k' + ({Number()} % 3)";
        return Add(Decide(id, expression, Outcomes(("k0", Block(depth + 1, then)), ("k1", Block(depth + 1, then)), ("default", then))));
    }

    /// <summary>Two to four branches, each a block (or straight to the join), joined by all, any or n of them.</summary>
    private string ForkJoin(int depth, string then)
    {
        var forkId = NewId("fork");
        var joinId = NewId("join");
        var count = random.Next(2, 5);
        var mode = random.Next(3) switch { 0 => "all", 1 => "any", _ => "n" };
        Add(Join(joinId, forkId, mode, then, mode == "n" ? random.Next(1, count + 1) : null));
        var branches = Enumerable.Range(0, count).Select(i => i == 0 && random.Next(6) == 0 ? joinId : Block(depth + 1, joinId)).ToArray();
        return Add(Fork(forkId, branches));
    }

    /// <summary>Review with return-for-revision: return leads through an optional block to a revise task that resubmits to the review.</summary>
    private string ReturnForRevision(int depth, string then)
    {
        var reviewId = NewId("review");
        var reviseId = NewId("revise");
        Add(random.Next(3) == 0
            ? UserTask(reviseId, Outcomes(("resubmit", reviewId), ("withdraw", EarlyEnd())), "resubmit", "withdraw")
            : UserTask(reviseId, Outcomes(("resubmit", reviewId)), "resubmit"));
        var returned = random.Next(2) == 0 ? reviseId : Block(depth + 1, reviseId);
        var review = UserTask(reviewId, Outcomes(("approve", then), ("return", returned)), "approve", "return");
        Decorate(review);
        return Add(review);
    }

    /// <summary>A loop that runs its body (a user task, then maybe a block) until a counter reaches a bound.</summary>
    private string CountedLoop(int depth, string then)
    {
        var counter = NewId("c");
        var countId = NewId("count");
        var checkId = NewId("again");
        var bound = random.Next(2, 4).ToString(CultureInfo.InvariantCulture);
        Add(Decide(checkId, $"vars.{counter} < {bound}", Outcomes(("true", countId), ("false", then))));
        var body = random.Next(2) == 0 ? checkId : Block(depth + 1, checkId);
        var task = UserTask(NewId("round"), Outcomes(("done", body)), "done");
        Add(task);
        Add(Set(countId, counter, $"(vars.{counter} || 0) + 1", task["id"]!.GetValue<string>()));
        return countId;
    }
}
