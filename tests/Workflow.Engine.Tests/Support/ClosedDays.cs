namespace Workflow.Engine.Tests.Support;

/// <summary>A working calendar the test edits: a due time on a closed day (UTC date) moves to the same time of the next open day.</summary>
public sealed class ClosedDays : IDueDateCalendar
{
    private readonly HashSet<DateOnly> _closed = [];

    public void Close(DateTimeOffset day) => _closed.Add(DateOnly.FromDateTime(day.UtcDateTime));

    public void Open(DateTimeOffset day) => _closed.Remove(DateOnly.FromDateTime(day.UtcDateTime));

    public DueDate Adjust(DateTimeOffset due)
    {
        var moved = due;
        while (_closed.Contains(DateOnly.FromDateTime(moved.UtcDateTime))) moved = moved.AddDays(1);
        return moved == due ? new DueDate(due, null) : new DueDate(moved, $"因停工顺延至{moved:M月d日}");
    }
}
