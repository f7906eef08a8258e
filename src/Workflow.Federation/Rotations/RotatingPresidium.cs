using Workflow.Federation.Common;
using Workflow.Federation.Elections;

namespace Workflow.Federation.Rotations;

/// <summary>One rotating chair's period (轮值周期), first and last day inclusive, with her reminders.</summary>
public sealed record RotationPeriod(int Index, string PersonId, DateOnly FirstDay, DateOnly LastDay, TurnReminders Reminders)
{
    /// <summary>The period as people count it, from 1; <see cref="Index"/> is its place in the plan.</summary>
    public int Number => Index + 1;
}

public enum RotationAdjustmentKind
{
    Swap,
    Skip,
    Rebuild,
}

/// <summary>A change made to the plan, with the reason its author gave, kept for the record.</summary>
public sealed record RotationAdjustment(RotationAdjustmentKind Kind, DateOnly MadeOn, IReadOnlyList<int> PeriodIndexes, string Reason)
{
    /// <summary>The periods it changed as people count them, from 1.</summary>
    public IReadOnlyList<int> PeriodNumbers => [.. PeriodIndexes.Select(i => i + 1)];
}

/// <summary>
/// The rotating presidium of one body from <see cref="Start"/> to the end of its term: <see cref="Order"/>
/// is the chair and vice-chairs in rotation order; <see cref="Periods"/> run back to back and end the day
/// before <see cref="TermEnd"/>, the day the term ends and the next committee takes over.
/// </summary>
public sealed record RotationPlan(
    IReadOnlyList<string> Order,
    DateOnly Start,
    DateOnly TermEnd,
    RotationSettings Settings,
    IReadOnlyList<RotationPeriod> Periods,
    IReadOnlyList<RotationAdjustment> Adjustments)
{
    public RotationPeriod? PeriodOn(DateOnly date) => Periods.FirstOrDefault(p => p.FirstDay <= date && date <= p.LastDay);
}

/// <summary>A changed plan and the people to tell: everyone whose future periods changed.</summary>
public sealed record RotationChange(RotationPlan Plan, IReadOnlyList<string> PeopleConcerned);

/// <summary>
/// 轮值主席团 (seed 004): "由妇联主席、副主席组成轮值主席团,每两个月为一个轮值周期". Periods are calendar
/// slots fixed at planning; swaps, skips and leadership changes move people between slots, never the
/// slots themselves, and never touch a period that has begun.
/// </summary>
public static class RotatingPresidium
{
    /// <summary>A first plan; refused when it would start before the body was founded (<paramref name="foundedOn"/>), when no period could be current.</summary>
    public static Checked<RotationPlan> Plan(IReadOnlyList<string> order, DateOnly start, DateOnly termEnd, RotationSettings? settings = null, DateOnly? foundedOn = null)
    {
        settings = (settings ?? new RotationSettings()).EnsureValid();
        var refusals = OrderProblems(order).ToList();
        if (start < foundedOn)
            refusals.Add(new Explanation(
                ScheduleCodes.StartBeforeFounding,
                $"轮值开始日期{start:yyyy-MM-dd}早于本会成立日期{foundedOn:yyyy-MM-dd}：成立之前没有主席团可以轮值，请从成立之日或之后开始。",
                $"The rotation start {start:yyyy-MM-dd} is before the body was founded on {foundedOn:yyyy-MM-dd}: there is no presidium to rotate before then."));
        if (start >= termEnd)
            refusals.Add(new Explanation(
                ScheduleCodes.StartNotBeforeTermEnd,
                $"轮值开始日期{start:yyyy-MM-dd}不早于任期届满日{termEnd:yyyy-MM-dd}。",
                $"The rotation start {start:yyyy-MM-dd} is not before the term end {termEnd:yyyy-MM-dd}."));
        if (refusals.Count > 0) return Checked.Refuse<RotationPlan>(refusals);

        var periods = Turns.Slice(start, termEnd, settings.MonthsPerTurn)
            .Select(slot => new RotationPeriod(slot.Index, order[slot.Index % order.Count], slot.FirstDay, slot.LastDay, Turns.Reminders(slot.FirstDay, settings)))
            .ToList();
        return Checked.Accept(new RotationPlan(order, start, termEnd, settings, periods, []));
    }

    /// <summary>Two people trade future periods.</summary>
    public static Checked<RotationChange> Swap(RotationPlan plan, int firstIndex, int secondIndex, string reason, DateOnly asOf)
    {
        var refusals = ReasonProblems(reason).Concat(FuturePeriodProblems(plan, asOf, firstIndex, secondIndex)).ToList();
        if (refusals.Count == 0 && plan.Periods[firstIndex].PersonId == plan.Periods[secondIndex].PersonId)
            refusals.Add(new Explanation(
                ScheduleCodes.SwapChangesNothing,
                $"第{firstIndex + 1}期和第{secondIndex + 1}期是同一人轮值,互换没有变化。",
                $"Periods {firstIndex + 1} and {secondIndex + 1} belong to the same person; swapping them changes nothing."));
        if (refusals.Count > 0) return Checked.Refuse<RotationChange>(refusals);

        var people = plan.Periods.Select(p => p.PersonId).ToArray();
        (people[firstIndex], people[secondIndex]) = (people[secondIndex], people[firstIndex]);
        return Change(plan, people, new RotationAdjustment(RotationAdjustmentKind.Swap, asOf, [firstIndex, secondIndex], reason));
    }

    /// <summary>
    /// A person gives up a future period: everyone after her moves up one period, and the last period goes
    /// to whoever follows its former holder in the rotation order.
    /// </summary>
    public static Checked<RotationChange> Skip(RotationPlan plan, int index, string reason, DateOnly asOf)
    {
        var refusals = ReasonProblems(reason).Concat(FuturePeriodProblems(plan, asOf, index)).ToList();
        if (plan.Order.Count < 2)
            refusals.Add(new Explanation(
                ScheduleCodes.NobodyToTakeOver,
                "轮值主席团只有一人,无人接替。",
                "The presidium has one member: nobody can take over the period."));
        if (refusals.Count > 0) return Checked.Refuse<RotationChange>(refusals);

        var people = plan.Periods.Select(p => p.PersonId).ToList();
        var formerLast = people[^1];
        people.RemoveAt(index);
        people.Add(plan.Order[(IndexIn(plan.Order, formerLast) + 1) % plan.Order.Count]);
        return Change(plan, people, new RotationAdjustment(RotationAdjustmentKind.Skip, asOf, [index], reason));
    }

    /// <summary>
    /// The leadership changed: past and current periods stay as they were; future periods follow the new
    /// order, starting after the current rotating chair if she is still in it, otherwise with its first
    /// person. Swaps and skips made for future periods are not carried over.
    /// </summary>
    public static Checked<RotationChange> Rebuild(RotationPlan plan, IReadOnlyList<string> newOrder, string reason, DateOnly asOf)
    {
        var refusals = ReasonProblems(reason).Concat(OrderProblems(newOrder)).ToList();
        var firstFuture = FirstFutureIndex(plan, asOf);
        if (firstFuture == plan.Periods.Count)
            refusals.Add(new Explanation(
                ScheduleCodes.NoFuturePeriods,
                $"截至{asOf:yyyy-MM-dd},本届任期已无未开始的轮值周期。",
                $"As of {asOf:yyyy-MM-dd} no period of this term is still to come."));
        if (refusals.Count > 0) return Checked.Refuse<RotationChange>(refusals);

        var next = firstFuture == 0 ? 0 : (IndexIn(newOrder, plan.Periods[firstFuture - 1].PersonId) + 1) % newOrder.Count;
        var people = plan.Periods.Select((p, i) => i < firstFuture ? p.PersonId : newOrder[(next + i - firstFuture) % newOrder.Count]).ToList();
        var rebuilt = plan with { Order = newOrder };
        var futureIndexes = Enumerable.Range(firstFuture, plan.Periods.Count - firstFuture).ToList();
        return Change(rebuilt, people, new RotationAdjustment(RotationAdjustmentKind.Rebuild, asOf, futureIndexes, reason));
    }

    /// <summary>-1 when absent, so that "the one after" is the first of the order.</summary>
    private static int IndexIn(IReadOnlyList<string> order, string personId)
    {
        for (var i = 0; i < order.Count; i++)
            if (order[i] == personId) return i;
        return -1;
    }

    private static int FirstFutureIndex(RotationPlan plan, DateOnly asOf)
    {
        var index = 0;
        while (index < plan.Periods.Count && plan.Periods[index].FirstDay <= asOf) index++;
        return index;
    }

    private static Checked<RotationChange> Change(RotationPlan plan, IReadOnlyList<string> people, RotationAdjustment adjustment)
    {
        var periods = plan.Periods.Select((p, i) => p with { PersonId = people[i] }).ToList();
        var concerned = plan.Periods.Zip(periods)
            .Where(pair => pair.First.PersonId != pair.Second.PersonId)
            .SelectMany(pair => new[] { pair.First.PersonId, pair.Second.PersonId })
            .Distinct()
            .ToList();
        var changed = plan with { Periods = periods, Adjustments = [.. plan.Adjustments, adjustment] };
        return Checked.Accept(new RotationChange(changed, concerned));
    }

    private static IEnumerable<Explanation> OrderProblems(IReadOnlyList<string> order)
    {
        if (order.Count == 0 || order.Any(string.IsNullOrWhiteSpace))
            yield return new Explanation(
                ScheduleCodes.PresidiumEmpty,
                "轮值主席团应由主席、副主席组成,名单不能为空。",
                "The rotating presidium is the chair and vice-chairs; the list cannot be empty or hold blank entries.");
        var twice = order.GroupBy(id => id).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        if (twice.Count > 0)
            yield return new Explanation(
                ScheduleCodes.PresidiumListsSomeoneTwice,
                $"轮值名单中有人重复:{string.Join("、", twice)}。",
                $"Listed more than once in the rotation: {string.Join(", ", twice)}.")
            { Subjects = twice };
    }

    private static IEnumerable<Explanation> ReasonProblems(string reason)
    {
        if (string.IsNullOrWhiteSpace(reason))
            yield return new Explanation(ScheduleCodes.ReasonRequired, "调整轮值安排须说明理由。", "A change to the rotation needs a reason.");
    }

    private static IEnumerable<Explanation> FuturePeriodProblems(RotationPlan plan, DateOnly asOf, params int[] indexes)
    {
        foreach (var index in indexes)
        {
            if (index < 0 || index >= plan.Periods.Count)
                yield return new Explanation(
                    ScheduleCodes.PeriodNotFound,
                    $"没有第{index + 1}期轮值(共{plan.Periods.Count}期)。",
                    $"There is no period {index + 1}; the plan has {plan.Periods.Count}.")
                { Figures = new Dictionary<string, int> { ["period"] = index + 1, ["periods"] = plan.Periods.Count } };
            else if (plan.Periods[index].FirstDay <= asOf)
                yield return new Explanation(
                    ScheduleCodes.PeriodAlreadyStarted,
                    $"第{index + 1}期轮值已于{plan.Periods[index].FirstDay:yyyy-MM-dd}开始,只能调整尚未开始的轮值。",
                    $"Period {index + 1} began on {plan.Periods[index].FirstDay:yyyy-MM-dd}; only periods still to come can change.")
                { Subjects = [plan.Periods[index].PersonId] };
        }
    }
}
