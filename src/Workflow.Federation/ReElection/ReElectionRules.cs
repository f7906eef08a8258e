using Workflow.Federation.Common;

namespace Workflow.Federation.ReElection;

/// <summary>The term (DESIGN.md: 5 years) and when the body is reminded of re-election (issue 5: six months and one month ahead).</summary>
public sealed record ReElectionSettings
{
    public int TermYears { get; init; } = 5;

    public IReadOnlyList<int> ReminderMonthsBefore { get; init; } = [6, 1];

    public TimeOnly ReminderTime { get; init; } = new(9, 0);
}

public sealed record ReElectionReminder(int MonthsBefore, ChinaInstant At);

public sealed record ReElectionSchedule(DateOnly FoundingDate, DateOnly TermEnd, IReadOnlyList<ReElectionReminder> Reminders);

/// <summary>换届: the outgoing executive committee prepares the re-election before the term ends.</summary>
public static class ReElectionRules
{
    /// <summary>
    /// The anniversary of the founding date; a body founded on 29 February ends its term on 28 February
    /// when that year is not a leap year (the anniversary does not exist, and the term must not run into March).
    /// </summary>
    public static DateOnly TermEnd(DateOnly foundingDate, int termYears = 5)
    {
        if (termYears < 1) throw new ArgumentOutOfRangeException(nameof(termYears), termYears, "a term is at least one year");
        return foundingDate.AddYears(termYears);
    }

    /// <summary>Reminders whole calendar months before the term end, on the same day of the month or the month's last day when it is shorter.</summary>
    public static ReElectionSchedule Schedule(DateOnly foundingDate, ReElectionSettings? settings = null) =>
        ForTerm(foundingDate, TermEnd(foundingDate, (settings ?? new ReElectionSettings()).TermYears), settings);

    /// <summary>The reminders of a term that ends on <paramref name="termEnd"/>: a re-elected body's term runs from its re-election, not its founding.</summary>
    public static ReElectionSchedule ForTerm(DateOnly foundingDate, DateOnly termEnd, ReElectionSettings? settings = null)
    {
        settings ??= new ReElectionSettings();
        if (settings.ReminderMonthsBefore.Any(months => months < 1))
            throw new ArgumentException("re-election reminders come at least one month before the term end");
        var reminders = settings.ReminderMonthsBefore
            .OrderDescending()
            .Select(months => new ReElectionReminder(months, ChinaInstant.At(termEnd.AddMonths(-months), settings.ReminderTime)))
            .ToList();
        return new ReElectionSchedule(foundingDate, termEnd, reminders);
    }
}
