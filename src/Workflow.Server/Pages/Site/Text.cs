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
    public static readonly Phrase DiagramPending = new("流程图将显示在此处。", "The workflow diagram will show here.");
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
}
