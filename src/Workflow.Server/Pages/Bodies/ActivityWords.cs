using Workflow.Federation.Activities;
using Workflow.Server.Pages.Site;

namespace Workflow.Server.Pages.Bodies;

/// <summary>The words of the body page's 活动 section (有效覆盖, issue 14).</summary>
public static class ActivityWords
{
    public static readonly Phrase Heading = new("活动", "Activities");
    public static readonly Phrase Active = new("有效：近两个完整季度（{0}—{1}）按计划开展了活动。", "Active: it held what its plan asks in the last two complete quarters ({0}–{1}).");
    public static readonly Phrase Quiet = new("近两个完整季度（{0}—{1}）未按计划开展活动，缺少：", "Not active in the last two complete quarters ({0}–{1}). Missing:");
    public static readonly Phrase LastActivity = new("最近一次活动：{0}", "Last activity: {0}");
    public static readonly Phrase None = new("尚无活动记录。", "No activity recorded yet.");
    public static readonly Phrase RecordHeading = new("记录一次活动", "Record an activity");
    public static readonly Phrase KindLabel = new("活动类型", "Kind");
    public static readonly Phrase HeldOn = new("日期", "Date");
    public static readonly Phrase Summary = new("活动内容", "What was done");
    public static readonly Phrase Minutes = new("会议纪要（联席会必填）", "Minutes (required for a joint meeting)");
    public static readonly Phrase DutyGroup = new("执委轮值小组（轮值活动必填）", "Duty group (required for a duty-group activity)");
    public static readonly Phrase Attendees = new("参加人员（轮值活动必填）", "Who came (required for a duty-group activity)");
    public static readonly Phrase HostedBy = new("承办的成员妇联（承办活动必填）", "Hosting member federation (required for a hosted activity)");
    public static readonly Phrase Record = new("记录", "Record");
    public static readonly Phrase Recorded = new("已记录活动：{0}", "Activity recorded: {0}");
    public static readonly Phrase DutyGroupNumber = new("第{0}组", "Group {0}");

    public static string Kind(ActivityKind kind) => kind switch
    {
        ActivityKind.JointMeeting => new Phrase("联席会", "Joint meeting"),
        ActivityKind.DutyGroupActivity => new Phrase("执委轮值活动", "Duty-group activity"),
        ActivityKind.HostedActivity => new Phrase("成员妇联承办活动", "Hosted activity"),
        ActivityKind.LoveMotherTeam => new Phrase("爱心妈妈队伍组建", "Caring Mothers team formed"),
        ActivityKind.LoveMotherPairing => new Phrase("爱心妈妈结对", "Caring Mothers pairing"),
        _ => kind.ToString(),
    };

    /// <summary>A kind by its API name (camelCase of the enum's).</summary>
    public static string Kind(string name) => Enum.TryParse<ActivityKind>(name, ignoreCase: true, out var kind) ? Kind(kind) : name;

    public static string Quarter(Quarter quarter) => new Phrase("{0}年第{1}季度", "Q{1} {0}").Format(quarter.Year, quarter.Number);
}

/// <summary>The 活动 form as posted: the API's request, field by field.</summary>
public sealed class ActivityForm
{
    public string? Kind { get; set; }
    public DateOnly? HeldOn { get; set; }
    public string? Summary { get; set; }
    public string? Minutes { get; set; }
    public int? DutyGroup { get; set; }
    public string? Attendees { get; set; }
    public string? HostedBy { get; set; }

    public RecordActivityRequest ToRequest() => new(Kind, HeldOn, Summary, Minutes, DutyGroup, Attendees, HostedBy);
}
