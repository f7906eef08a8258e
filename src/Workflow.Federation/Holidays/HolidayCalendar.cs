using Microsoft.EntityFrameworkCore;
using Workflow.Federation.Common;
using Workflow.Federation.Storage;

namespace Workflow.Federation.Holidays;

/// <summary>A year as admins see it: its days, where they came from, and whether the year has a notice at all.</summary>
public sealed record HolidayYearView(int Year, bool Known, HolidaySource? Source, IReadOnlyList<SpecialDay> Days)
{
    /// <summary>Shown to admins when the year has no shipped notice.</summary>
    public string? Warning => Known ? null : $"{Year} 年的国务院办公厅节假日安排通知未随系统提供：除管理员添加的日期外，只按周末计算休息日。";
}

public sealed record HolidayOverrideRequest(DayKind Kind, string? Name);

/// <summary>The working calendar in use: the shipped notices (<c>cn-holidays.json</c>) with the admins' overrides (<c>holiday_overrides</c>).</summary>
public sealed class HolidayCalendar(IDbContextFactory<FederationDbContext> contexts, TimeProvider clock)
{
    private volatile WorkingCalendar? _last;

    public async Task<WorkingCalendar> CurrentAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var rows = await db.HolidayOverrides.AsNoTracking().ToListAsync(cancellationToken);
        return _last = new WorkingCalendar(WorkingCalendar.ShippedYears, rows.Select(r => new SpecialDay(r.Date, r.Kind, r.Name, true, r.SetBy, r.SetAt)));
    }

    /// <summary>
    /// The calendar as last read, for the engine's due dates, which are computed inside a transition and cannot wait on a read.
    /// Every read refreshes it: an override on this node at once, on the other nodes at their next periodic read (the server reads
    /// it at start-up and every minute); before the first read it is the shipped notices.
    /// </summary>
    public WorkingCalendar Last => _last ?? WorkingCalendar.Shipped;

    /// <summary>Reads the calendar again; true when its days differ from those of the read before (none before counts as no change).</summary>
    public async Task<bool> RefreshAsync(CancellationToken cancellationToken)
    {
        var before = _last;
        var now = await CurrentAsync(cancellationToken);
        return before is not null && !before.HasSameDaysAs(now);
    }

    public async Task<HolidayYearView> YearAsync(int year, CancellationToken cancellationToken)
    {
        if (year is < 2000 or > 2100) throw Errors.Invalid("year", "holiday-year", "年份应在 2000 至 2100 之间", "the year must be 2000 to 2100");
        var calendar = await CurrentAsync(cancellationToken);
        var shipped = WorkingCalendar.ShippedYears.FirstOrDefault(y => y.Year == year);
        return new HolidayYearView(year, shipped is not null, shipped?.Source, [.. calendar.SpecialDays(year)]);
    }

    public async Task<SpecialDay> SetAsync(DateOnly date, HolidayOverrideRequest request, string by, CancellationToken cancellationToken)
    {
        var name = request.Name?.Trim() ?? "";
        if (!Enum.IsDefined(request.Kind)) throw Errors.Invalid("kind", "holiday-kind", "类型应为 Holiday（放假）或 Workday（上班）", "kind must be Holiday or Workday");
        if (name.Length is 0 or > 50) throw Errors.Invalid("name", "holiday-name", "名称 1 至 50 个字符", "1 to 50 characters");
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var row = await db.HolidayOverrides.SingleOrDefaultAsync(r => r.Date == date, cancellationToken);
        if (row is null) db.HolidayOverrides.Add(row = new HolidayOverrideRow { Date = date, Kind = request.Kind, Name = name, SetBy = by, SetAt = default });
        (row.Kind, row.Name, row.SetBy, row.SetAt) = (request.Kind, name, by, clock.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
        return new SpecialDay(date, row.Kind, row.Name, true, row.SetBy, row.SetAt);
    }

    /// <summary>Removes an override, so the shipped notice (or the plain week) applies again.</summary>
    public async Task RemoveAsync(DateOnly date, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var removed = await db.HolidayOverrides.Where(r => r.Date == date).ExecuteDeleteAsync(cancellationToken);
        if (removed == 0) throw Errors.NotFound("holiday-override", $"{date:yyyy-MM-dd} 没有管理员设置的调整", $"no override on {date:yyyy-MM-dd}");
    }
}
