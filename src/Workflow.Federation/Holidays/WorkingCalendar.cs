using System.Globalization;
using System.Text.Json;
using Workflow.Federation.Reminders;

namespace Workflow.Federation.Holidays;

public enum DayKind
{
    /// <summary>Off: a public holiday (放假), or an override making a weekday one.</summary>
    Holiday,

    /// <summary>A weekend worked to make up for a holiday (调休上班), or an override making a day one.</summary>
    Workday,
}

/// <summary>Where a year's days came from: the State Council General Office's notice.</summary>
public sealed record HolidaySource(string Title, string? Number, string? NumberNote, DateOnly Date, string? Url, string? ReadFrom);

/// <summary>One special day: a holiday or a 调休 working day, named after its holiday; <see cref="Overridden"/> when an admin set it.</summary>
public sealed record SpecialDay(DateOnly Date, DayKind Kind, string Name, bool Overridden = false, string? By = null, DateTimeOffset? At = null);

/// <summary>A year as shipped (<c>cn-holidays.json</c>): its source and its special days.</summary>
public sealed record HolidayYear(int Year, HolidaySource Source, IReadOnlyList<SpecialDay> Days);

/// <summary>
/// Working days in mainland China: Monday to Friday, except the public holidays, plus the weekends worked
/// instead (调休). Built from the shipped notices and the admins' overrides; a year without a notice is weekends only.
/// </summary>
public sealed class WorkingCalendar
{
    private readonly Dictionary<DateOnly, SpecialDay> days;
    private readonly HashSet<int> known;

    public WorkingCalendar(IEnumerable<HolidayYear> years, IEnumerable<SpecialDay>? overrides = null)
    {
        var list = years.ToList();
        known = list.Select(y => y.Year).ToHashSet();
        days = list.SelectMany(y => y.Days).ToDictionary(d => d.Date);
        foreach (var day in overrides ?? []) days[day.Date] = day;
    }

    /// <summary>The calendar of the shipped notices only, no overrides.</summary>
    public static WorkingCalendar Shipped => LazyShipped.Value;

    public static IReadOnlyList<HolidayYear> ShippedYears => LazyYears.Value;

    private static readonly Lazy<IReadOnlyList<HolidayYear>> LazyYears = new(Load);

    private static readonly Lazy<WorkingCalendar> LazyShipped = new(() => new WorkingCalendar(ShippedYears));

    /// <summary>Whether a State Council notice for the year is shipped; without one only weekends are off.</summary>
    public bool Knows(int year) => known.Contains(year);

    public SpecialDay? Special(DateOnly date) => days.GetValueOrDefault(date);

    /// <summary>Whether both calendars rest and work on the same days; the days' names and who set them do not count.</summary>
    public bool HasSameDaysAs(WorkingCalendar other) =>
        days.Count == other.days.Count && days.All(d => other.days.TryGetValue(d.Key, out var day) && day.Kind == d.Value.Kind);

    public IEnumerable<SpecialDay> SpecialDays(int year) => days.Values.Where(d => d.Date.Year == year).OrderBy(d => d.Date);

    public bool IsWorkingDay(DateOnly date) => days.TryGetValue(date, out var day)
        ? day.Kind == DayKind.Workday
        : date.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday);

    /// <summary>The date itself when it is a working day, else the first working day after it.</summary>
    public DateOnly NextWorkingDay(DateOnly date)
    {
        for (var i = 0; i < 366; i++, date = date.AddDays(1))
            if (IsWorkingDay(date)) return date;
        throw new InvalidOperationException("no working day within a year");
    }

    /// <summary>The working day <paramref name="count"/> working days after <paramref name="date"/> (count ≥ 0; 0 is <see cref="NextWorkingDay"/>).</summary>
    public DateOnly AddWorkingDays(DateOnly date, int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        date = NextWorkingDay(date);
        for (var i = 0; i < count; i++) date = NextWorkingDay(date.AddDays(1));
        return date;
    }

    /// <summary>Where a date lands: moved to the next working day, with why (the holiday's name, or the weekend) when it moved.</summary>
    public WorkingDayMove Move(DateOnly date)
    {
        var to = NextWorkingDay(date);
        if (to == date) return new WorkingDayMove(date, date, null);
        var holiday = Special(date) is { Kind: DayKind.Holiday } day ? day.Name : null;
        return new WorkingDayMove(date, to, holiday);
    }

    private static IReadOnlyList<HolidayYear> Load()
    {
        using var stream = typeof(WorkingCalendar).Assembly.GetManifestResourceStream("Workflow.Federation.Holidays.cn-holidays.json")
            ?? throw new InvalidOperationException("cn-holidays.json is not embedded");
        var file = JsonSerializer.Deserialize<HolidayFile>(stream, JsonSerializerOptions.Web) ?? throw new InvalidOperationException("cn-holidays.json is empty");
        return [.. file.Years.Select(y => new HolidayYear(y.Year, y.Source,
            [.. y.Holidays.SelectMany(h => Range(h.First, h.Last).Select(d => new SpecialDay(d, DayKind.Holiday, h.Name))),
             .. y.Workdays.Select(w => new SpecialDay(w.Date, DayKind.Workday, w.Name))]))];
    }

    private static IEnumerable<DateOnly> Range(DateOnly first, DateOnly last)
    {
        for (var d = first; d <= last; d = d.AddDays(1)) yield return d;
    }

    private sealed record HolidayFile(int Version, string Note, IReadOnlyList<FileYear> Years);

    private sealed record FileYear(int Year, HolidaySource Source, IReadOnlyList<FileRange> Holidays, IReadOnlyList<FileWorkday> Workdays);

    private sealed record FileRange(string Name, DateOnly First, DateOnly Last);

    private sealed record FileWorkday(string Name, DateOnly Date);
}

/// <summary>A date moved to the next working day; <see cref="Holiday"/> names the holiday it avoided (null for a plain weekend).</summary>
public sealed record WorkingDayMove(DateOnly From, DateOnly To, string? Holiday)
{
    public bool Moved => From != To;

    /// <summary>"因国庆节顺延至10月8日" / "moved to 8 Oct because of National Day"; null when not moved.</summary>
    public LocalizedText? Note => !Moved ? null : new LocalizedText(
        $"因{Holiday ?? "周末"}顺延至{To.Month}月{To.Day}日",
        $"moved to {To.ToString("d MMM", CultureInfo.InvariantCulture)} because of {(Holiday is null ? "the weekend" : HolidayNames.English(Holiday))}");
}

public static class HolidayNames
{
    private static readonly Dictionary<string, string> En = new()
    {
        ["元旦"] = "New Year's Day", ["春节"] = "Spring Festival", ["清明节"] = "Qingming Festival", ["劳动节"] = "Labour Day",
        ["端午节"] = "Dragon Boat Festival", ["中秋节"] = "Mid-Autumn Festival", ["国庆节"] = "National Day",
    };

    public static string English(string name) => En.GetValueOrDefault(name, name);
}
