using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Workflow.Federation.Common;
using Workflow.Federation.Holidays;
using Workflow.Server.Accounts;
using Workflow.Server.Pages.Site;

namespace Workflow.Server.Pages.Admin;

/// <summary>
/// 节假日: a year's holidays and 调休 working days as the State Council's notice gives them, with its source, and the admins'
/// own adjustments (a local holiday, a notice the service does not ship yet), set and removed as the API does.
/// </summary>
[Authorize(Policy = Policies.Admin)]
public sealed class HolidaysModel(HolidayCalendar calendar, HolidayChanges changes, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true)] public int? Year { get; set; }
    [BindProperty] public DateOnly? Date { get; set; }
    [BindProperty] public DayKind Kind { get; set; }
    [BindProperty] public string? Name { get; set; }

    public HolidayYearView View { get; private set; } = null!;
    public Dictionary<string, string> Errors { get; } = new(StringComparer.OrdinalIgnoreCase);
    public string? Done { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (!await AdminForms.TryAsync(this, Errors, async () => View = await calendar.YearAsync(ShownYear, cancellationToken)))
        {
            Year = null;
            View = await calendar.YearAsync(ShownYear, cancellationToken);
        }
        return Page();
    }

    public async Task<IActionResult> OnPostSetAsync(CancellationToken cancellationToken)
    {
        HolidayChange? change = null;
        if (Date is not { } date)
        {
            Errors["date"] = HolidayWords.PickDate;
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }
        else if (await AdminForms.TryAsync(this, Errors, async () => change = await changes.SetAsync(date, new HolidayOverrideRequest(Kind, Name), Actor, cancellationToken)))
        {
            Done = $"{HolidayWords.Set.Format(PeopleDates.Date(date), Name?.Trim())} {Followed(change!)}";
            Year = date.Year;
            (Date, Name) = (null, null);
        }
        View = await calendar.YearAsync(ShownYear, cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostRemoveAsync(DateOnly date, CancellationToken cancellationToken)
    {
        HolidayChange? change = null;
        if (await AdminForms.TryAsync(this, Errors, async () => change = await changes.RemoveAsync(date, Actor, cancellationToken)))
            Done = $"{HolidayWords.Removed.Format(PeopleDates.Date(date))} {Followed(change!)}";
        Year = date.Year;
        View = await calendar.YearAsync(ShownYear, cancellationToken);
        return Page();
    }

    private string Actor => User.Identity?.Name ?? "admin";

    private static string Followed(HolidayChange change) => HolidayWords.Followed.Format(change.MeetingsMoved, change.DutyTurnsMoved, change.TasksMoved);

    private int ShownYear => Year ?? ChinaInstant.Of(clock.GetUtcNow()).LocalDate.Year;
}

public static class HolidayWords
{
    public static readonly Phrase Title = new("节假日与调休", "Holidays and working weekends");
    public static readonly Phrase Source = new("来源：{0}（{1}发布）", "Source: {0} (published {1})");
    public static readonly Phrase Days = new("{0}年的放假与调休上班日", "Holidays and working days of {0}");
    public static readonly Phrase Off = new("放假", "Holiday");
    public static readonly Phrase Work = new("调休上班", "Working day");
    public static readonly Phrase ByAdmin = new("管理员 {0} 设置", "set by {0}");
    public static readonly Phrase Remove = new("删除调整", "Remove");
    public static readonly Phrase Adjust = new("调整某一天", "Adjust a day");
    public static readonly Phrase DateLabel = new("日期", "Date");
    public static readonly Phrase KindLabel = new("类型", "Kind");
    public static readonly Phrase NameLabel = new("名称", "Name");
    public static readonly Phrase Save = new("保存", "Save");
    public static readonly Phrase PickDate = new("请选择日期", "pick a date");
    public static readonly Phrase Set = new("已设置 {0}：{1}", "Set {0}: {1}");
    public static readonly Phrase Removed = new("已删除 {0} 的调整", "Removed the adjustment of {0}");
    public static readonly Phrase Followed = new("随之调整：联席会议 {0} 次、值班轮次 {1} 个、待办期限 {2} 项。", "Moved with it: {0} joint meetings, {1} duty turns, {2} task due dates.");
    public static readonly Phrase Unknown = new("{0} 年的国务院办公厅节假日安排通知未随系统提供：除管理员添加的日期外，只按周末计算休息日。",
        "The State Council's holiday notice for {0} is not shipped with the service: apart from the days admins add, only weekends are days off.");
    public static readonly Phrase YearLabel = new("年份", "Year");
    public static readonly Phrase Show = new("查看", "Show");
}
