using System.Net;
using System.Text;
using Workflow.Federation.Rotations;
using Workflow.Federation.JointMeetings;
using Workflow.Server.Reminders;
using Workflow.Server.Tests.Support;
using IcalCalendar = Ical.Net.Calendar;
using Workflow.Federation.Reminders;

namespace Workflow.Server.Tests.Reminders;

/// <summary>
/// The feed is written by the service's own RFC 5545 writer and read back here by Ical.Net, an independent parser,
/// after a strict check of the content lines themselves.
/// </summary>
public sealed class CalendarFeedTests
{
    private static async Task<(ServiceFactory Factory, Guid Chair, HttpClient Person)> StartAsync(string userName, string language = "zh-CN")
    {
        var factory = new ServiceFactory();
        var chair = await factory.CreateChairAsync(userName, language);
        var body = Guid.NewGuid();
        var after = factory.Clock.GetUtcNow();
        var rotation = RotatingPresidium.Plan([chair.ToString(), Guid.NewGuid().ToString()], new DateOnly(2027, 1, 1), new DateOnly(2027, 5, 1)).Accepted;
        var meeting = JointMeetingRules.Propose(2027, 1);
        await factory.Planner().PlanAsync(
            RotationReminders.Plan(body, "霞美片区产业基地妇联", rotation, after)
            + JointMeetingReminders.Plan(Guid.NewGuid(), "水暖厨卫产业链", meeting, chair, [], after, location: "霞美镇政府三楼会议室, 南安"));
        return (factory, chair, await factory.SignInAsync(userName));
    }

    private static async Task<string> TokenUrlAsync(HttpClient person)
    {
        var created = await (await person.PostAsync("/api/me/calendar-token", null)).ReadObjectAsync();
        return new Uri((string)created["url"]!).PathAndQuery;
    }

    [Fact]
    public async Task TheFeed_ParsesWithAnIndependentParser_AndHoldsChinaTimes()
    {
        var (factory, _, person) = await StartAsync("chair-calendar");
        await using var _ = factory;
        var url = await TokenUrlAsync(person);

        var response = await factory.CreateClient().GetAsync(url);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/calendar", response.Content.Headers.ContentType?.MediaType);
        var text = await response.Content.ReadAsStringAsync();
        AssertContentLines(text);
        var calendar = IcalCalendar.Load(text)!;
        Assert.Equal("Asia/Shanghai", Assert.Single(calendar.TimeZones).TzId);
        var meeting = Assert.Single(calendar.Events, e => e.Summary!.Contains("联席会", StringComparison.Ordinal));
        // JointMeetings proposes the second Tuesday of February at 09:30 China time, which is 01:30 UTC.
        Assert.Equal("Asia/Shanghai", meeting.DtStart!.TzId);
        Assert.Equal(new DateTime(2027, 2, 9, 1, 30, 0, DateTimeKind.Utc), meeting.DtStart.AsUtc);
        Assert.Equal(new DateTime(2027, 2, 9, 3, 30, 0, DateTimeKind.Utc), meeting.DtEnd!.AsUtc);
        Assert.Equal("霞美镇政府三楼会议室, 南安", meeting.Location);
        var periods = calendar.Events.Where(e => e.Summary!.Contains("轮值主席", StringComparison.Ordinal)).OrderBy(e => e.DtStart!.Value).ToList();
        // Two-month periods from 1 January: only the chair's own (the first), all-day, ending on the exclusive day after.
        var own = Assert.Single(periods);
        Assert.True(own.IsAllDay);
        Assert.Equal((new DateOnly(2027, 1, 1), new DateOnly(2027, 3, 1)), (DateOnly.FromDateTime(own.DtStart!.Value), DateOnly.FromDateTime(own.DtEnd!.Value)));
        Assert.Equal("霞美片区产业基地妇联轮值主席", own.Summary);
    }

    [Fact]
    public async Task AnEnglishSpeakersFeed_IsInEnglish()
    {
        var (factory, _, person) = await StartAsync("chair-calendar-en", "en");
        await using var _ = factory;
        var calendar = IcalCalendar.Load(await factory.CreateClient().GetStringAsync(await TokenUrlAsync(person)))!;
        Assert.Contains(calendar.Events, e => e.Summary == "Joint meeting of 水暖厨卫产业链 (2027 Q1)");
    }

    [Fact]
    public async Task ARotatedOrRevokedToken_IsNotFound()
    {
        var (factory, _, person) = await StartAsync("chair-calendar-revoke");
        await using var _ = factory;
        var anonymous = factory.CreateClient();
        var first = await TokenUrlAsync(person);
        var second = await TokenUrlAsync(person);

        await (await anonymous.GetAsync(first)).AssertProblemAsync(404, "not-found");
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync(second)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await person.DeleteAsync("/api/me/calendar-token")).StatusCode);
        await (await anonymous.GetAsync(second)).AssertProblemAsync(404, "not-found");
        await (await anonymous.GetAsync("/calendar/not-a-token.ics")).AssertProblemAsync(404, "not-found");
    }

    [Fact]
    public async Task CancellingASubject_DropsItsFutureEntriesFromTheFeed()
    {
        await using var factory = new ServiceFactory();
        var chair = await factory.CreateChairAsync("chair-calendar-cancel");
        var body = Guid.NewGuid();
        var start = factory.Clock.GetUtcNow().AddDays(10);
        await factory.Planner().PlanEventsAsync([
            new PlannedCalendarEvent(ReminderKeys.RotationPeriod(body, 0), [chair], start, start.AddDays(60), true, new LocalizedText("轮值", "Rotation")),
        ]);
        var person = await factory.SignInAsync("chair-calendar-cancel");
        var url = await TokenUrlAsync(person);
        Assert.Single(IcalCalendar.Load(await factory.CreateClient().GetStringAsync(url))!.Events);

        var cancelled = await factory.Planner().CancelAsync(ReminderKeys.Prefix("rotation", body));

        Assert.Equal(1, cancelled.Events);
        Assert.Empty(IcalCalendar.Load(await factory.CreateClient().GetStringAsync(url))!.Events);
    }

    /// <summary>RFC 5545 §3.1: CRLF line ends, at most 75 octets a line, continuation lines start with a space; BEGIN/END balanced.</summary>
    private static void AssertContentLines(string text)
    {
        Assert.EndsWith("\r\n", text, StringComparison.Ordinal);
        Assert.DoesNotContain("\n", text.Replace("\r\n", "", StringComparison.Ordinal), StringComparison.Ordinal);
        var physical = text[..^2].Split("\r\n");
        Assert.All(physical, line => Assert.True(Encoding.UTF8.GetByteCount(line) <= 75, $"longer than 75 octets: {line}"));
        var logical = new List<string>();
        foreach (var line in physical)
        {
            if (line.StartsWith(' ')) logical[^1] += line[1..];
            else logical.Add(line);
        }
        Assert.All(logical, line => Assert.Matches(@"^[A-Z][A-Z0-9-]*(;[A-Z0-9-]+=[^:;]+)*:", line));
        var open = new Stack<string>();
        foreach (var line in logical)
        {
            if (line.StartsWith("BEGIN:", StringComparison.Ordinal)) open.Push(line[6..]);
            else if (line.StartsWith("END:", StringComparison.Ordinal)) Assert.Equal(open.Pop(), line[4..]);
        }
        Assert.Empty(open);
        Assert.Equal("BEGIN:VCALENDAR", logical[0]);
        Assert.Contains("SUMMARY:水暖厨卫产业链联席会（2027年第1季度）", logical);
        Assert.Contains(@"LOCATION:霞美镇政府三楼会议室\, 南安", logical);
    }
}
