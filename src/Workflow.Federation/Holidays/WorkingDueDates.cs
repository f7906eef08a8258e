using Workflow.Engine;
using Workflow.Federation.Common;

namespace Workflow.Federation.Holidays;

/// <summary>
/// User tasks of the federation's workflows fall due on working days: a due time on a public holiday, or a weekend that
/// is not a 调休 working day, moves to the same China time of the next working day (issue 14).
/// </summary>
internal sealed class WorkingDueDates(HolidayCalendar holidays) : IDueDateCalendar
{
    public DueDate Adjust(DateTimeOffset due)
    {
        var local = ChinaInstant.Of(due);
        var move = holidays.Last.Move(local.LocalDate);
        return move.Moved ? new DueDate(ChinaInstant.At(move.To, local.LocalTime).Utc, move.Note!.Zh) : new DueDate(due, null);
    }
}
