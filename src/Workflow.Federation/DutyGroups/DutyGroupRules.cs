using Workflow.Federation.Common;
using Workflow.Federation.Elections;
using Workflow.Federation.Holidays;
using Workflow.Federation.Reminders;

namespace Workflow.Federation.DutyGroups;

/// <summary>How executives are split into duty groups; the defaults are seed 003's "分为6个团,每团5—7人".</summary>
public sealed record DutyGroupSettings
{
    public int GroupCount { get; init; } = 6;

    public int MinGroupSize { get; init; } = 5;

    public int MaxGroupSize { get; init; } = 7;
}

/// <summary>A duty group, numbered from 1, its members in the order they were listed.</summary>
public sealed record DutyGroup(int Number, IReadOnlyList<string> MemberIds);

/// <summary>
/// The split asked for, or why it cannot be made and the nearest settings that can: first the nearest
/// setting (the same sizes with another group count where one fits), then the group count asked for with
/// the sizes stretched just enough.
/// </summary>
public sealed record DutyGroupSplit(
    DutyGroupSettings Settings,
    IReadOnlyList<DutyGroup> Groups,
    IReadOnlyList<Explanation> Refusals,
    IReadOnlyList<DutyGroupSettings> Proposals)
{
    public bool IsAccepted => Refusals.Count == 0;
}

/// <summary>
/// One turn of the duty calendar: the group on duty and her members' reminders. A turn begins (and its group's activity is
/// due) on a working day: <see cref="RuleDay"/> is the day the two-month rule gives, <see cref="Moved"/> says why the turn
/// begins later ("因国庆节顺延至10月8日"), null when it begins on that day.
/// </summary>
public sealed record DutyTurn(int Index, DutyGroup Group, DateOnly FirstDay, DateOnly LastDay, TurnReminders Reminders, DateOnly? RuleDay = null, LocalizedText? Moved = null)
{
    /// <summary>The turn as people count it, from 1 (<see cref="Index"/> counts from 0 and names the turn in reminder keys).</summary>
    public int Number => Index + 1;
}

/// <summary>
/// 执委轮值 (seed 003): "53名市妇联执委分为6个团,每团5—7人,每2个月开展集体活动一次". Note that the seed's
/// own figures cannot all hold: 6 groups of at most 7 take 42 people, not 53; such a request is refused
/// with the nearest settings that work (8 groups of 5–7, or 6 groups of 5–9), never split out of bounds.
/// </summary>
public static class DutyGroupRules
{
    /// <summary>
    /// Balanced groups: sizes differ by at most one, the larger groups first, each group a run of the
    /// list so members keep their order. A balanced split of n people into g groups fits [min, max]
    /// exactly when g × min ≤ n ≤ g × max.
    /// </summary>
    public static DutyGroupSplit Split(IReadOnlyList<string> executiveIds, DutyGroupSettings? settings = null)
    {
        settings ??= new DutyGroupSettings();
        var people = executiveIds.Count;
        var (groups, min, max) = (settings.GroupCount, settings.MinGroupSize, settings.MaxGroupSize);

        if (people == 0)
            return Refused(settings, new Explanation(ScheduleCodes.NobodyToSplit, "没有可分团的执委。", "There are no executive members to split into groups."));
        var twice = executiveIds.GroupBy(id => id).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        if (twice.Count > 0)
            return Refused(settings, new Explanation(
                ScheduleCodes.ExecutiveListedTwice,
                $"执委名单中有人重复:{string.Join("、", twice)}。",
                $"Listed more than once: {string.Join(", ", twice)}.")
            { Subjects = twice });
        if (groups < 1 || min < 1 || min > max)
            return Refused(settings, new Explanation(
                ScheduleCodes.DutyGroupSettingsInvalid,
                $"分团设置无效:团数{groups}个,每团{min}–{max}人;团数和每团最少人数至少为1,最少人数不能多于最多人数。",
                $"Invalid settings: {groups} groups of {min}–{max}; the group count and the smallest size must be at least 1 and the smallest size no more than the largest.")
            { Figures = Figures(people, settings) });

        if ((long)groups * min <= people && people <= (long)groups * max)
            return new DutyGroupSplit(settings, Balanced(executiveIds, groups), [], []);

        var proposals = Proposals(people, settings);
        return new DutyGroupSplit(settings, [], [CannotBeMet(people, settings, proposals)], proposals);
    }

    /// <summary>Group k is on duty in turn k, turn after turn, cycling through the groups until the end.</summary>
    /// <remarks>With a <paramref name="calendar"/>, a turn whose rule day is a holiday or weekend begins on the next working day (see <see cref="OnWorkingDays"/>).</remarks>
    public static IReadOnlyList<DutyTurn> Calendar(IReadOnlyList<DutyGroup> groups, DateOnly start, DateOnly endExclusive, RotationSettings? settings = null,
        WorkingCalendar? calendar = null)
    {
        if (groups.Count == 0) throw new ArgumentException("a duty calendar needs at least one group", nameof(groups));
        settings = (settings ?? new RotationSettings()).EnsureValid();
        var turns = Turns.Slice(start, endExclusive, settings.MonthsPerTurn)
            .Select(turn => new DutyTurn(turn.Index, groups[turn.Index % groups.Count], turn.FirstDay, turn.LastDay, Turns.Reminders(turn.FirstDay, settings), turn.FirstDay))
            .ToList();
        return calendar is null ? turns : OnWorkingDays(turns, calendar, DateOnly.MinValue, settings);
    }

    /// <summary>
    /// The turns beginning after <paramref name="today"/> begin on the working day their rule day lands on (the next one
    /// when it is a public holiday or a weekend that is not a 调休 working day), with their reminders and the reason; the
    /// turn before each ends the day before it. Turns already begun keep their days: what was held stays as it was.
    /// </summary>
    public static IReadOnlyList<DutyTurn> OnWorkingDays(IReadOnlyList<DutyTurn> turns, WorkingCalendar calendar, DateOnly today, RotationSettings? settings = null)
    {
        settings = (settings ?? new RotationSettings()).EnsureValid();
        var moved = turns.Select(turn =>
        {
            var rule = turn.RuleDay ?? turn.FirstDay;
            if (turn.FirstDay <= today || rule <= today) return turn;
            var move = calendar.Move(rule);
            return turn with { FirstDay = move.To, Reminders = Turns.Reminders(move.To, settings), RuleDay = rule, Moved = move.Note };
        }).ToList();
        for (var i = 0; i + 1 < moved.Count; i++)
            if (moved[i + 1].FirstDay > today) moved[i] = moved[i] with { LastDay = moved[i + 1].FirstDay.AddDays(-1) };
        return moved;
    }

    private static List<DutyGroup> Balanced(IReadOnlyList<string> executiveIds, int groups)
    {
        var (size, larger) = Math.DivRem(executiveIds.Count, groups);
        var result = new List<DutyGroup>(groups);
        var taken = 0;
        for (var number = 1; number <= groups; number++)
        {
            var count = number <= larger ? size + 1 : size;
            result.Add(new DutyGroup(number, executiveIds.Skip(taken).Take(count).ToList()));
            taken += count;
        }

        return result;
    }

    /// <summary>
    /// The nearest setting overall — the group count whose balanced split stretches the size bounds least,
    /// the one nearest the count asked for among those (so the same sizes when some count fits them) —
    /// and, when different, the count asked for with the sizes stretched just enough.
    /// </summary>
    private static List<DutyGroupSettings> Proposals(int people, DutyGroupSettings asked)
    {
        var nearest = Enumerable.Range(1, people)
            .Select(groups => Fitted(people, groups, asked))
            .MinBy(fitted => (Stretch(fitted, asked), Math.Abs(fitted.GroupCount - asked.GroupCount)))!;
        var sameCount = Fitted(people, Math.Min(asked.GroupCount, people), asked);
        return nearest == sameCount ? [nearest] : [nearest, sameCount];
    }

    /// <summary>The asked bounds, widened just enough for a balanced split of the people into the given number of groups.</summary>
    private static DutyGroupSettings Fitted(int people, int groups, DutyGroupSettings asked)
    {
        var (size, larger) = Math.DivRem(people, groups);
        return new DutyGroupSettings
        {
            GroupCount = groups,
            MinGroupSize = Math.Min(asked.MinGroupSize, size),
            MaxGroupSize = Math.Max(asked.MaxGroupSize, larger > 0 ? size + 1 : size),
        };
    }

    private static int Stretch(DutyGroupSettings fitted, DutyGroupSettings asked) =>
        asked.MinGroupSize - fitted.MinGroupSize + fitted.MaxGroupSize - asked.MaxGroupSize;

    private static Explanation CannotBeMet(int people, DutyGroupSettings settings, List<DutyGroupSettings> proposals)
    {
        var (groups, min, max) = (settings.GroupCount, settings.MinGroupSize, settings.MaxGroupSize);
        var (chineseWhy, englishWhy) = people > (long)groups * max
            ? ($"{groups}个团每团至多{max}人,最多容纳{groups * max}人", $"{groups} groups of at most {max} hold at most {groups * max}")
            : ($"{groups}个团每团至少{min}人,至少需要{groups * min}人", $"{groups} groups of at least {min} need at least {groups * min}");
        return new Explanation(
            ScheduleCodes.DutyGroupsCannotBeMet,
            $"{people}名执委无法分为{groups}个团、每团{min}–{max}人:{chineseWhy}。可改为:{string.Join(";或", proposals.Select(ChineseSetting))}。",
            $"{people} executive members cannot be split into {groups} groups of {min}–{max}: {englishWhy}. Instead: {string.Join("; or ", proposals.Select(EnglishSetting))}.")
        { Figures = Figures(people, settings) };
    }

    private static string ChineseSetting(DutyGroupSettings s) => $"分{s.GroupCount}个团,每团{s.MinGroupSize}–{s.MaxGroupSize}人";

    private static string EnglishSetting(DutyGroupSettings s) => $"{s.GroupCount} groups of {s.MinGroupSize}–{s.MaxGroupSize}";

    private static Dictionary<string, int> Figures(int people, DutyGroupSettings settings) => new()
    {
        ["people"] = people,
        ["groups"] = settings.GroupCount,
        ["min"] = settings.MinGroupSize,
        ["max"] = settings.MaxGroupSize,
    };

    private static DutyGroupSplit Refused(DutyGroupSettings settings, Explanation refusal) => new(settings, [], [refusal], []);
}
