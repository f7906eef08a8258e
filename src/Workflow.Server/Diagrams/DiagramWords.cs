using System.Globalization;
using Workflow.Engine.Definitions;

namespace Workflow.Server.Diagrams;

/// <summary>
/// The words a diagram adds to a definition's own titles: outcome names on the arrows, who acts, what a step is.
/// Definitions name outcomes with code words (<c>endorse</c>, <c>return</c>); people read 同意, 退回. An outcome not
/// listed here is shown as written in the definition, so a new one is legible before it is translated.
/// </summary>
public sealed class DiagramWords
{
    private readonly bool _english;

    private DiagramWords(bool english) => _english = english;

    public static DiagramWords Chinese { get; } = new(false);

    public static DiagramWords English { get; } = new(true);

    /// <summary>English for an English culture, Chinese for every other (zh-CN first).</summary>
    public static DiagramWords For(CultureInfo? culture) => culture?.TwoLetterISOLanguageName == "en" ? English : Chinese;

    public string Language => _english ? "en" : "zh-CN";

    private static readonly Dictionary<string, (string Zh, string En)> s_outcomes = new(StringComparer.Ordinal)
    {
        ["endorse"] = ("同意", "endorse"), ["approve"] = ("批准", "approve"), ["return"] = ("退回", "return"), ["reject"] = ("不同意", "reject"),
        ["resubmit"] = ("重新提交", "resubmit"), ["withdraw"] = ("撤回", "withdraw"), ["submit"] = ("提交", "submit"),
        ["invalid"] = ("不符合", "invalid"), ["valid"] = ("有效", "valid"), ["failed"] = ("未成功", "failed"),
        ["recorded"] = ("已记录", "recorded"), ["appointed"] = ("已确定", "appointed"), ["register"] = ("登记", "register"),
        ["done"] = ("完成", "done"), ["notApplicable"] = ("不适用", "not applicable"), ["notHeld"] = ("未召开", "not held"),
        ["scheduled"] = ("已定日期", "scheduled"), ["dissolved"] = ("撤销", "dissolved"), ["confirmed"] = ("已确认", "confirmed"),
        ["object"] = ("有异议", "object"), ["micro"] = ("妇女微家", "micro-home"), ["congress"] = ("妇女大会", "congress"),
        ["true"] = ("是", "yes"), ["false"] = ("否", "no"), ["default"] = ("其他", "otherwise"), ["cancelled"] = ("已取消", "cancelled"),
    };

    /// <summary>How an end reads: the result of the whole instance.</summary>
    private static readonly Dictionary<string, (string Zh, string En)> s_results = new(StringComparer.Ordinal)
    {
        ["founded"] = ("已成立", "founded"), ["rejected"] = ("未获同意", "rejected"), ["withdrawn"] = ("已撤回", "withdrawn"),
        ["approved"] = ("已批准", "approved"), ["endorsed"] = ("均已同意", "endorsed"), ["objected"] = ("有异议", "objected"),
        ["recorded"] = ("已记录", "recorded"), ["notHeld"] = ("未召开", "not held"), ["scheduled"] = ("已定日期", "scheduled"),
        ["dissolved"] = ("撤销", "dissolved"), ["handedOver"] = ("已交接", "handed over"), ["done"] = ("完成", "done"),
    };

    private static readonly Dictionary<string, (string Zh, string En)> s_actors = new(StringComparer.Ordinal)
    {
        ["partyOrganization"] = ("党组织", "party organization"), ["superiorFederation"] = ("上级妇联", "superior federation"),
        ["registrar"] = ("登记机关", "registrar"), ["officer"] = ("妇联干部", "officer"), ["chair"] = ("主席", "chair"),
        ["admin"] = ("管理员", "admin"), ["approver"] = ("审批人", "approver"),
    };

    private string Pick((string Zh, string En) words) => _english ? words.En : words.Zh;

    /// <summary>The outcome's name on an arrow; a fork's branches carry none.</summary>
    public string? Outcome(ActivityDefinition from, string outcome) =>
        from is ForkActivity ? null
        : from.Next.Count == 1 && outcome == ActivityDefinition.Done ? null
        : s_outcomes.TryGetValue(outcome, out var words) ? Pick(words) : outcome;

    public string Result(string outcome) => s_results.TryGetValue(outcome, out var words) ? Pick(words) : outcome;

    /// <summary>Who acts on a user task: the approver kind when there is one, else the role; a personal task says so.</summary>
    public string Actor(TaskAssignment assignee)
    {
        var who = s_actors.TryGetValue(assignee.ApproverKind ?? assignee.Role, out var words) ? Pick(words) : assignee.ApproverKind ?? assignee.Role;
        return assignee.UserExpression is null ? who : _english ? $"{who} (personal)" : $"{who}（本人）";
    }

    public string Start => _english ? "Start" : "开始";
    public string End => _english ? "End" : "结束";
    public string Decision => _english ? "Decision" : "判断";
    public string Fork => _english ? "In parallel" : "并行办理";
    public string Timer => _english ? "Timer" : "定时";
    public string ChildWorkflow => _english ? "Sub-process" : "子流程";
    public string Action => _english ? "Automatic" : "系统处理";
    public string SetVariable => _english ? "Records data" : "记录数据";
    public string Notify => _english ? "Notification" : "发送通知";
    public string CurrentBadge => _english ? "Now" : "当前";
    public string FaultBadge => _english ? "Error" : "出错";
    public string LegendCurrent => _english ? "current step" : "当前步骤";
    public string LegendVisited => _english ? "done" : "已办理";
    public string LegendPending => _english ? "not reached" : "未到达";

    public string Join(JoinActivity join) => join.Mode switch
    {
        JoinMode.All => _english ? "When all are done" : "全部办结后继续",
        JoinMode.Any => _english ? "When one is done" : "任一办结后继续",
        _ => _english ? $"When {join.Count} are done" : $"{join.Count} 个办结后继续",
    };

    public string Waits(TimerActivity timer) =>
        timer.Delay is { } delay ? (_english ? $"waits {delay.TotalDays:0.#} days" : $"等待 {delay.TotalDays:0.#} 天")
        : timer.Cron is not null ? (_english ? "on a schedule" : "按周期")
        : _english ? "waits until the set time" : "到期后继续";

    public string Title(string definitionName) => _english ? $"Workflow diagram: {definitionName}" : $"流程图：{definitionName}";

    public string Summary(string definitionName, int steps) => _english ? $"{definitionName}, {steps} steps." : $"{definitionName}，共 {steps} 个步骤。";

    public string Now(IEnumerable<string> steps) => _english ? $"Current step: {string.Join("; ", steps)}." : $"当前步骤：{string.Join("、", steps)}。";

    public string Finished(string? result) =>
        _english ? $"Finished{(result is null ? "" : $": {Result(result)}")}." : $"已结束{(result is null ? "" : $"：{Result(result)}")}。";

    public string Faulted(IEnumerable<string> steps) => _english ? $"Stopped with an error at: {string.Join("; ", steps)}." : $"出错的步骤：{string.Join("、", steps)}。";

    public string Visited(int count) => _english ? $"{count} steps done so far." : $"已办理 {count} 个步骤。";

    /// <summary>How often a connection was taken, after its label; short, as the label's room is kept in the layout.</summary>
    public string Times(int count) => $" ×{count}";

    /// <summary>Joins the sentences of a description: Chinese sentences run on, English ones take a space.</summary>
    public string Sentences(IEnumerable<string> sentences) => string.Join(_english ? " " : "", sentences);
}
