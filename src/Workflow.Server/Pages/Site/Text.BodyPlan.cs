namespace Workflow.Server.Pages.Site;

/// <summary>The officer's planning page of a body: leaders linked to their accounts, the rotation planned with its periods shown first.</summary>
public static partial class Text
{
    public static readonly Phrase PlanLink = new("关联领导账号、安排轮值", "Link leaders' accounts and plan the rotation");
    public static readonly Phrase PlanTitle = new("安排：{0}", "Planning: {0}");
    public static readonly Phrase LeaderAccounts = new("领导成员账号", "Leaders' accounts");
    public static readonly Phrase LeaderAccountsHelp = new("为每位当选的领导成员选择她登录所用的账号；主席、副主席须为主席角色的账号。轮值和执委轮值默认按关联的账号安排。",
        "Choose the account each elected leader signs in with; the chair and vice-chairs need accounts with the chair role. The rotation and the duty groups follow the linked accounts.");
    public static readonly Phrase AccountFor = new("{0}（{1}）的账号", "Account of {0} ({1})");
    public static readonly Phrase NoAccount = new("（不关联）", "(none)");
    public static readonly Phrase LinkAccount = new("保存", "Save");
    public static readonly Phrase LeaderLinked = new("已为{0}关联账号 {1}。", "{0} is now linked to {1}.");
    public static readonly Phrase LeaderUnlinked = new("已取消{0}的账号关联。", "{0} is no longer linked to an account.");
    public static readonly Phrase PlanRotation = new("安排轮值主席", "Plan the rotating chair");
    public static readonly Phrase RotationOrderHelp = new("按主席、副主席的顺序轮值；请先为她们关联账号。", "The chair, then the vice-chairs, take turns; link their accounts first.");
    public static readonly Phrase RotationPlannedSince = new("现行安排自 {0} 起，共 {1} 期。", "The current plan starts on {0}, {1} periods.");
    public static readonly Phrase RotationBegunHelp = new("轮值已经开始：重新安排时已开始的轮值期保持不变，须说明理由，受影响的人会收到通知。",
        "The rotation has begun: periods already begun stay, a reason is required, and everyone whose period moves is told.");
    public static readonly Phrase RotationStart = new("轮值开始日期", "First day of the rotation");
    public static readonly Phrase MonthsPerTurn = new("每期月数", "Months per turn");
    public static readonly Phrase MonthsPerTurnHelp = new("不填则每期两个月。", "Two months when left blank.");
    public static readonly Phrase RotationReason = new("调整理由", "Reason for the change");
    public static readonly Phrase RotationReasonWhenBegun = new("（轮值开始后必填）", " (required once the rotation has begun)");
    public static readonly Phrase PreviewRotation = new("预览轮值期", "Show the periods");
    public static readonly Phrase ConfirmRotation = new("确认安排", "Confirm the plan");
    public static readonly Phrase RotationPreviewHeading = new("将安排 {0} 期（尚未保存）", "{0} periods to be planned (not saved yet)");
    public static readonly Phrase RotationPlanned = new("轮值已安排，共 {0} 期。", "Rotation planned: {0} periods.");
}
