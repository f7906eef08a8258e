namespace Workflow.Server.Pages.Site;

/// <summary>
/// The words of the outcomes the definitions in <c>workflows/</c> use, for buttons and the history. An outcome not listed
/// here shows as its name, so a new definition works before anyone words its outcomes.
/// </summary>
public static class Outcomes
{
    private static readonly Dictionary<string, Phrase> s_words = new(StringComparer.Ordinal)
    {
        ["approve"] = new("批准", "Approve"),
        ["endorse"] = new("同意", "Endorse"),
        ["return"] = new("退回修改", "Return for revision"),
        ["reject"] = new("不予同意", "Reject"),
        ["resubmit"] = new("重新提交", "Resubmit"),
        ["withdraw"] = new("撤回申请", "Withdraw"),
        ["submit"] = new("提交", "Submit"),
        ["recorded"] = new("已录入", "Recorded"),
        ["register"] = new("登记", "Register"),
        ["appointed"] = new("已确定", "Appointed"),
        ["done"] = new("完成", "Done"),
        [Workflow.Federation.Registry.WorkflowDecisions.DueMoved] = new("办理期限调整", "Due date moved"),
    };

    public static string Word(string? outcome) => outcome is null ? "" : s_words.TryGetValue(outcome, out var word) ? word : outcome;

    /// <summary>Outcomes that stop or send back a request look different from the one that carries it on.</summary>
    public static bool IsNegative(string outcome) => outcome is "return" or "reject" or "withdraw";
}
