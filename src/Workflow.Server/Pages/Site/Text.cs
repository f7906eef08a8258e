namespace Workflow.Server.Pages.Site;

/// <summary>
/// Every phrase the pages show, Chinese first and English beside it (decision 0003: a typed table rather than resource
/// files, so a missing translation does not compile). Phrases of one feature sit together.
/// </summary>
public static class Text
{
    public static readonly Phrase ServiceName = new("三新领域妇联工作平台", "Women's Federation Work Platform");
    public static readonly Phrase SkipToContent = new("跳到正文", "Skip to content");
    public static readonly Phrase MainNavigation = new("主导航", "Main navigation");
    public static readonly Phrase Language = new("语言", "Language");
    public static readonly Phrase SwitchToOther = new("English", "中文");
    public static readonly Phrase SignedInAs = new("当前用户", "Signed in as");
    public static readonly Phrase Region = new("区域", "Region");
    public static readonly Phrase Role = new("角色", "Role");
    public static readonly Phrase Required = new("必填", "required");
    public static readonly Phrase Submit = new("提交", "Submit");
    public static readonly Phrase Previous = new("上一页", "Previous");
    public static readonly Phrase Next = new("下一页", "Next");
    public static readonly Phrase PageOf = new("第 {0} 页，共 {1} 页", "Page {0} of {1}");
    public static readonly Phrase All = new("全部", "All");
    public static readonly Phrase None = new("无", "None");

    // Navigation: add an entry in Navigation.cs when its page lands.
    public static readonly Phrase NavTasks = new("待办", "My tasks");
    public static readonly Phrase NavFoundings = new("组建申请", "Founding requests");
    public static readonly Phrase NavBodies = new("组织", "Bodies");
    public static readonly Phrase NavMessages = new("消息", "Messages");
    public static readonly Phrase NavCalendar = new("日程", "Calendar");
    public static readonly Phrase NavLedger = new("台账", "Ledger");
    public static readonly Phrase NavCoverage = new("覆盖", "Coverage");
    public static readonly Phrase NavAdmin = new("管理", "Administration");

    // Roles and approver kinds.
    public static readonly Phrase RoleOfficer = new("妇联干部", "Officer");
    public static readonly Phrase RoleApprover = new("审批人", "Approver");
    public static readonly Phrase RoleChair = new("主席", "Chair");
    public static readonly Phrase RoleAdmin = new("管理员", "Administrator");
    public static readonly Phrase KindPartyOrganization = new("党组织", "party organization");
    public static readonly Phrase KindSuperiorFederation = new("上级妇联", "superior federation");
    public static readonly Phrase KindRegistrar = new("登记机关", "registrar");

    // Account.
    public static readonly Phrase SignIn = new("登录", "Sign in");
    public static readonly Phrase SignInIntro = new("请使用管理员为您开设的账号登录。", "Sign in with the account your administrator set up for you.");
    public static readonly Phrase UserName = new("用户名", "User name");
    public static readonly Phrase Password = new("密码", "Password");
    public static readonly Phrase WrongPassword = new("用户名或密码错误。", "Wrong user name or password.");
    public static readonly Phrase Locked = new("登录失败次数过多，账号已锁定，请于 {0} 后再试。", "Too many failed sign-ins: the account is locked until {0}.");
    public static readonly Phrase SessionEnded = new("登录已过期，请重新登录。", "Your session has ended: please sign in again.");
    public static readonly Phrase SignOut = new("退出", "Sign out");
    public static readonly Phrase SignOutEverywhere = new("在所有设备上退出", "Sign out everywhere");
    public static readonly Phrase SignedOut = new("您已退出。", "You have signed out.");
    public static readonly Phrase ChangePassword = new("修改密码", "Change password");
    public static readonly Phrase MustChangePassword = new("您使用的是一次性密码，请先设置自己的密码。", "You signed in with a one-time password: choose your own before you go on.");
    public static readonly Phrase CurrentPassword = new("当前密码", "Current password");
    public static readonly Phrase NewPassword = new("新密码", "New password");
    public static readonly Phrase ConfirmPassword = new("再次输入新密码", "New password again");
    public static readonly Phrase PasswordHelp = new("至少 10 个字符，字母与数字或符号混合。", "At least 10 characters, letters mixed with digits or symbols.");
    public static readonly Phrase PasswordsDiffer = new("两次输入的新密码不一致。", "The two new passwords differ.");
    public static readonly Phrase WrongCurrentPassword = new("当前密码不正确。", "The current password is wrong.");
    public static readonly Phrase PasswordChanged = new("密码已修改。", "Your password has been changed.");

    // Status pages.
    public static readonly Phrase NotFoundTitle = new("找不到该页面", "Page not found");
    public static readonly Phrase NotFoundBody = new("该页面不存在，或不在您的工作区域内。", "This page does not exist, or it lies outside your region.");
    public static readonly Phrase ForbiddenTitle = new("无权访问", "Not allowed");
    public static readonly Phrase ForbiddenBody = new("您的角色不能办理此事项。", "Your role does not allow this.");
    public static readonly Phrase BadRequestTitle = new("请求无效", "Bad request");
    public static readonly Phrase BadRequestBody = new("表单已失效或不完整，请返回后重新打开页面再提交。", "The form was stale or incomplete: go back, reload the page and submit again.");
    public static readonly Phrase ErrorTitle = new("出错了", "Something went wrong");
    public static readonly Phrase ErrorBody = new("请稍后再试；如仍不行，请把请求编号告诉管理员：{0}", "Try again later; if it keeps failing, give your administrator the request id: {0}");
    public static readonly Phrase BackToTasks = new("返回待办", "Back to my tasks");

    // Tasks: the list.
    public static readonly Phrase TasksTitle = new("我的待办", "My tasks");
    public static readonly Phrase TabMine = new("我的", "Mine");
    public static readonly Phrase TabAvailable = new("待认领", "Available to claim");
    public static readonly Phrase TabHanded = new("转交给我", "Handed to me");
    public static readonly Phrase TabDone = new("已办", "Done");
    public static readonly Phrase TaskTabs = new("待办分类", "Task lists");
    public static readonly Phrase Filters = new("筛选", "Filters");
    public static readonly Phrase FilterStep = new("环节", "Step");
    public static readonly Phrase FilterDue = new("到期", "Due");
    public static readonly Phrase DueOverdue = new("已逾期", "Overdue");
    public static readonly Phrase DueIn3Days = new("3 天内到期", "Due within 3 days");
    public static readonly Phrase DueIn7Days = new("7 天内到期", "Due within 7 days");
    public static readonly Phrase ApplyFilters = new("筛选", "Apply");
    public static readonly Phrase ColumnSelect = new("选择", "Select");
    public static readonly Phrase ColumnRequest = new("所属申请", "Request");
    public static readonly Phrase ColumnStep = new("环节", "Step");
    public static readonly Phrase ColumnDue = new("到期时间", "Due");
    public static readonly Phrase ColumnHolder = new("办理人", "Held by");
    public static readonly Phrase ColumnActions = new("操作", "Actions");
    public static readonly Phrase ColumnDecidedAt = new("办理时间", "Decided");
    public static readonly Phrase ColumnOutcome = new("办理结果", "Outcome");
    public static readonly Phrase NoDueDate = new("未设期限", "No due date");
    public static readonly Phrase OverdueCue = new("已逾期", "overdue");
    public static readonly Phrase SelectTask = new("选择：{0}", "Select: {0}");
    public static readonly Phrase Claim = new("认领", "Claim");
    public static readonly Phrase ClaimSelected = new("认领所选", "Claim selected");
    public static readonly Phrase Release = new("退回待认领", "Release");
    public static readonly Phrase Delegate = new("转交", "Hand over");
    public static readonly Phrase DelegateTo = new("转交给", "Hand over to");
    public static readonly Phrase Open = new("办理", "Open");
    public static readonly Phrase NoTasks = new("没有符合条件的事项。", "No tasks match.");
    public static readonly Phrase Claimed = new("已认领 {0} 项。", "{0} claimed.");
    public static readonly Phrase NothingSelected = new("请先勾选要认领的事项。", "Tick the tasks to claim first.");
    public static readonly Phrase Released = new("已退回待认领。", "Released.");
    public static readonly Phrase Delegated = new("已转交给 {0}。", "Handed over to {0}.");
    public static readonly Phrase HeldBySomeone = new("此事项已由 {0} 认领。", "{0} holds this task.");
    public static readonly Phrase DelegatedByNote = new("（{0} 转交）", "(handed over by {0})");
    public static readonly Phrase Unnamed = new("（未命名申请）", "(unnamed request)");
    public static readonly Phrase NoColleagues = new("没有可转交的同事", "No colleague to hand over to");

    // Tasks: one task.
    public static readonly Phrase TaskRequest = new("所属申请", "Request");
    public static readonly Phrase TaskRegion = new("区域", "Region");
    public static readonly Phrase TaskOpened = new("送达时间", "Arrived");
    public static readonly Phrase ReturnedTitle = new("退回原因", "Why it was returned");
    public static readonly Phrase ReturnedBy = new("{0} 于 {1} 在“{2}”环节退回：", "{0} returned it at \u201c{2}\u201d on {1}:");
    public static readonly Phrase Decide = new("办理", "Decide");
    public static readonly Phrase Comment = new("备注", "Comment");
    public static readonly Phrase CommentHelp = new("可选，将记入办理记录。", "Optional; kept in the record of decisions.");
    public static readonly Phrase History = new("办理记录", "History");
    public static readonly Phrase NoHistory = new("尚无办理记录。", "No decisions yet.");
    public static readonly Phrase HistoryLine = new("{0}　{1}：{2}", "{0} — {1}: {2}");
    public static readonly Phrase Diagram = new("流程图", "Workflow diagram");
    public static readonly Phrase DiagramLegend = new("蓝色粗框并标“当前”的是正在办理的步骤；绿色带 ✓ 的是已走过的步骤和路径；浅色的是尚未到达的步骤。",
        "Blue with a thick border and marked “current”: the step being worked on; green with ✓: steps and paths already taken; pale: steps not reached.");
    public static readonly Phrase DecidedNotice = new("已办理“{0}”：{1}。", "Decided \u201c{0}\u201d: {1}.");
    public static readonly Phrase AlreadyDecided = new("此事项已由 {0} 于 {1} 办理，无需再办。", "{0} already decided this task on {1}; nothing is left to do.");
    public static readonly Phrase FormHasErrors = new("表单有误，请按提示修改。", "The form has errors: see the notes by the fields.");
    public static readonly Phrase FieldRequired = new("此项必填。", "Required.");
    public static readonly Phrase FieldNumber = new("请填写数字。", "Enter a number.");
    public static readonly Phrase FieldInteger = new("请填写整数。", "Enter a whole number.");
    public static readonly Phrase FieldDate = new("请填写日期。", "Enter a date.");
    public static readonly Phrase Yes = new("是", "Yes");
    public static readonly Phrase No = new("否", "No");

    /// <summary>A value entered with a decision as a person reads it: a tick box as 是/否.</summary>
    public static string Value(string value) => value switch { "true" => Yes, "false" => No, _ => value };

    // ---- Founding requests, bodies, messages and calendar (branch pages2): one block, to merge beside the others. ----
    public static readonly Phrase FoundingsTitle = new("组建申请", "Founding requests");
    public static readonly Phrase OpenFounding = new("新建组建申请", "Open a founding request");
    public static readonly Phrase FoundingStatus = new("状态", "Status");
    public static readonly Phrase CurrentStep = new("当前环节", "Current step");
    public static readonly Phrase FoundingAge = new("已历时", "Age");
    public static readonly Phrase AgeDays = new("{0} 天", "{0} days");
    public static readonly Phrase FoundingsCount = new("共 {0} 项申请", "{0} requests");
    public static readonly Phrase NoFoundings = new("没有符合条件的组建申请。", "No founding requests match.");
    public static readonly Phrase StatusOpen = new("办理中", "In progress");
    public static readonly Phrase StatusFounded = new("已成立", "Founded");
    public static readonly Phrase StatusRejected = new("未获同意", "Rejected");
    public static readonly Phrase StatusWithdrawn = new("已撤回", "Withdrawn");
    public static readonly Phrase StatusCancelled = new("已取消", "Cancelled");
    public static readonly Phrase StatusDraft = new("草稿", "Draft");
    public static readonly Phrase NewFoundingTitle = new("新建组建申请", "New founding request");
    public static readonly Phrase WizardProgress = new("填写步骤", "Steps");
    public static readonly Phrase WizardPick = new("选择单位", "Choose organizations");
    public static readonly Phrase WizardPickHelp = new("在台账中搜索并勾选一个单位；联建时勾选多个单位。", "Search the ledger and tick one organization, or several for a joint founding.");
    public static readonly Phrase WizardRecommendation = new("组建建议", "Recommendation");
    public static readonly Phrase WizardChoose = new("确定类型与方式", "Kind and mode");
    public static readonly Phrase WizardReview = new("核对并提交", "Review and submit");
    public static readonly Phrase SearchLedger = new("单位名称或统一社会信用代码", "Organization name or credit code");
    public static readonly Phrase Search = new("搜索", "Search");
    public static readonly Phrase Organizations = new("单位", "Organizations");
    public static readonly Phrase WomenCount = new("女职工 {0} 人", "{0} women");
    public static readonly Phrase NoOrganizations = new("台账中没有符合条件的单位。", "No organization in the ledger matches.");
    public static readonly Phrase NarrowSearch = new("共 {0} 个单位符合，请输入更具体的名称。", "{0} organizations match: type more of the name.");
    public static readonly Phrase PickOrganization = new("请至少勾选一个单位。", "Tick at least one organization.");
    public static readonly Phrase NextStep = new("下一步", "Next");
    public static readonly Phrase PreviousStep = new("上一步", "Back");
    public static readonly Phrase KeyUnit = new("重点单位", "Key unit");
    public static readonly Phrase Priority = new("组建优先级", "Priority");
    public static readonly Phrase RecommendedMode = new("建议组建方式", "Recommended mode");
    public static readonly Phrase RecommendedKind = new("建议组织类型", "Recommended kind");
    public static readonly Phrase MicroHome = new("妇女微家", "Women's micro-home");
    public static readonly Phrase Partners = new("建议共建单位", "Suggested partners");
    public static readonly Phrase CoveredBy = new("已覆盖的妇联组织", "Already covered by");
    public static readonly Phrase Reasons = new("理由", "Reasons");
    public static readonly Phrase BodyName = new("妇联组织名称", "Name of the body");
    public static readonly Phrase Kind = new("组织类型", "Kind");
    public static readonly Phrase Mode = new("组建方式", "Mode");
    public static readonly Phrase RecommendedWas = new("建议为：{0}", "Recommended: {0}");
    public static readonly Phrase ModeReason = new("与建议不同的理由", "Why it differs from the recommendation");
    public static readonly Phrase ModeReasonHelp = new("所选类型或方式与建议不同时必填。", "Required when the kind or mode differs from the recommendation.");
    public static readonly Phrase ReasonWhenDiffering = new("所选类型或方式与建议不同，请说明理由。", "The kind or mode differs from the recommendation: say why.");
    public static readonly Phrase FollowsRecommendation = new("是否按建议", "Follows the recommendation");
    public static readonly Phrase SubmitFounding = new("提交申请", "Submit the request");
    public static readonly Phrase FoundingOpened = new("已提交组建申请“{0}”。", "Founding request \u201c{0}\u201d submitted.");
    public static readonly Phrase RequestSummary = new("申请概况", "Summary");
    public static readonly Phrase OpenedBy = new("提交人", "Opened by");
    public static readonly Phrase NotWaiting = new("申请已办结，没有待办环节。", "The request is closed: no step is waiting.");
    public static readonly Phrase DecidedByRole = new("办理角色", "Decided by");
    public static readonly Phrase ReviseTitle = new("修改并重新提交", "Correct and resubmit");
    public static readonly Phrase ResubmitRequest = new("重新提交", "Resubmit");
    public static readonly Phrase Resubmitted = new("已重新提交“{0}”。", "\u201c{0}\u201d resubmitted.");
    public static readonly Phrase Timeline = new("办理经过", "Timeline");
    public static readonly Phrase Documents = new("材料", "Documents");
    public static readonly Phrase CandidateList = new("候选人名单", "Candidate list");
    public static readonly Phrase SlateSeats = new("执委 {0} 名，副主席 {1} 名；候选人：", "{0} executive seats, {1} vice-chairs; candidates:");
    public static readonly Phrase ElectionResult = new("选举结果", "Election result");
    public static readonly Phrase ElectionAttempt = new("{0}第 {1} 次投票：{2}", "{0}, vote {1}: {2}");
    public static readonly Phrase StageCongress = new("妇女大会", "Congress");
    public static readonly Phrase StageExecutive = new("执委会第一次会议", "First executive meeting");
    public static readonly Phrase ElectionValid = new("有效", "valid");
    public static readonly Phrase ElectionUndecided = new("票数相同，须再次投票", "tied: another ballot is needed");
    public static readonly Phrase ElectionFailed = new("未成功，须重新选举", "failed: to be re-run");
    public static readonly Phrase Approval = new("批复", "Approval");
    public static readonly Phrase Registration = new("登记", "Registration");
    public static readonly Phrase RegisteredBody = new("已登记，查看妇联组织", "Registered: see the body");
    public static readonly Phrase NotYet = new("尚无。", "Not yet.");

    public static readonly Phrase BodiesTitle = new("妇联组织", "Federation bodies");
    public static readonly Phrase BodiesCount = new("共 {0} 个组织", "{0} bodies");
    public static readonly Phrase NoBodies = new("辖区内尚无已成立的妇联组织。", "No body has been founded in your region yet.");
    public static readonly Phrase TermEnds = new("任期届满", "Term ends");
    public static readonly Phrase DaysLeft = new("还有 {0} 天", "{0} days left");
    public static readonly Phrase FoundedOn = new("成立日期", "Founded on");
    public static readonly Phrase RegistrationNumber = new("登记编号", "Registration number");
    public static readonly Phrase Leadership = new("领导班子与任期", "Leadership and terms");
    public static readonly Phrase NoLeaders = new("尚未录入领导班子。", "No leaders recorded yet.");
    public static readonly Phrase TermSpan = new("任期 {0} 至 {1}", "term {0} to {1}");
    public static readonly Phrase LeaderChair = new("主席", "Chair");
    public static readonly Phrase LeaderViceChair = new("副主席", "Vice-chair");
    public static readonly Phrase LeaderExecutive = new("执委", "Executive member");
    public static readonly Phrase LeaderHead = new("微家长", "Head");
    public static readonly Phrase Rotation = new("轮值主席", "Rotating chair");
    public static readonly Phrase NoRotation = new("尚未安排轮值。", "No rotation planned yet.");
    public static readonly Phrase RotationHolder = new("本期轮值主席：{0}（{1} 至 {2}）", "Chair this period: {0} ({1} to {2})");
    public static readonly Phrase RotationNext = new("下次交接：{0}，由 {1} 接任", "Next handover: {0}, to {1}");
    public static readonly Phrase DutyGroups = new("执委轮值小组", "Duty groups");
    public static readonly Phrase NoDutyGroups = new("尚未划分轮值小组。", "No duty groups yet.");
    public static readonly Phrase DutyGroupLine = new("第 {0} 组：{1}", "Group {0}: {1}");
    public static readonly Phrase DutyTurnNow = new("当前或下一轮值：第 {0} 组（{1} 至 {2}）", "On duty now or next: group {0} ({1} to {2})");
    public static readonly Phrase NextJointMeeting = new("下次联席会议", "Next joint meeting");
    public static readonly Phrase NoMeeting = new("暂无安排。", "None planned.");
    public static readonly Phrase BodyHistory = new("组织沿革", "History");
    public static readonly Phrase BodyCalendarHelp = new("轮值、值班与会议都在您的个人日程中，可在手机日历中订阅。", "Rotation periods, duty turns and meetings are in your own calendar, which your phone can subscribe to.");
    public static readonly Phrase MessagesTitle = new("我的消息", "My messages");
    public static readonly Phrase UnreadCount = new("未读 {0} 条", "{0} unread");
    public static readonly Phrase ShowUnread = new("只看未读", "Unread only");
    public static readonly Phrase ShowAllMessages = new("查看全部", "Show all");
    public static readonly Phrase MarkRead = new("标为已读", "Mark read");
    public static readonly Phrase MarkAllRead = new("全部标为已读", "Mark all read");
    public static readonly Phrase MarkedRead = new("已标为已读。", "Marked read.");
    public static readonly Phrase MarkedAllRead = new("已将 {0} 条标为已读。", "{0} marked read.");
    public static readonly Phrase NoMessages = new("没有消息。", "No messages.");
    public static readonly Phrase UnreadBadge = new("未读", "Unread");
    public static readonly Phrase CalendarTitle = new("我的日程", "My calendar");
    public static readonly Phrase Upcoming = new("近期安排", "Coming up");
    public static readonly Phrase NoEntries = new("近期没有安排。", "Nothing coming up.");
    public static readonly Phrase CalendarFeed = new("日程订阅", "Calendar subscription");
    public static readonly Phrase FeedHelp = new("订阅后，手机或电脑日历会自动显示您的轮值、值班和会议。地址是您个人的，请勿转发。", "Subscribed, your phone or computer calendar shows your rotation periods, duty turns and meetings. The address is yours alone: do not pass it on.");
    public static readonly Phrase FeedShownOnce = new("新的订阅地址只显示这一次，旧地址已失效。", "The new address shows this once only; the old one no longer works.");
    public static readonly Phrase SubscribeOnPhone = new("在本机日历中订阅（webcal）", "Subscribe in this device's calendar (webcal)");
    public static readonly Phrase FeedHttps = new("订阅地址（https）", "Feed address (https)");
    public static readonly Phrase FeedQr = new("订阅地址二维码：用手机扫码订阅", "QR code of the feed address: scan it with a phone to subscribe");
    public static readonly Phrase FeedExists = new("您已有订阅地址。如遗失，可生成新地址（旧地址随即失效）。", "You have a feed address. If you lost it, make a new one (the old one stops working).");
    public static readonly Phrase MakeFeed = new("生成订阅地址", "Make a feed address");
    public static readonly Phrase RenewFeed = new("生成新地址", "Make a new address");
    public static readonly Phrase RevokeFeed = new("停用订阅地址", "Revoke the address");
    public static readonly Phrase FeedRevoked = new("订阅地址已停用。", "The feed address was revoked.");
}
