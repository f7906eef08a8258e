using Workflow.Server.Accounts;

namespace Workflow.Server.Pages.Site;

public sealed record NavItem(Phrase Label, string Path, Func<Caller, bool> Visible);

/// <summary>
/// The main navigation. Only pages that exist are linked; a feature adds its entry here when it lands, in this order:
/// 待办, 组建申请, 组织, 消息, 日程, and for officers and admins 台账, 覆盖, 管理.
/// </summary>
public static class Navigation
{
    public static readonly IReadOnlyList<NavItem> Items =
    [
        new(Text.NavTasks, "/tasks", _ => true),
        new(Text.NavFoundings, "/foundings", _ => true),
        new(Text.NavBodies, "/bodies", _ => true),
        new(Text.NavMessages, "/notifications", _ => true),
        new(Text.NavCalendar, "/calendar", _ => true),
        new(Text.NavLedger, "/ledger", c => c.Has(Roles.Officer) || c.IsAdmin),
        new(Text.NavCoverage, "/coverage", c => c.Has(Roles.Officer) || c.IsAdmin),
        new(Text.NavAdmin, "/admin", c => c.IsAdmin),
    ];

    public static bool IsCurrent(NavItem item, PathString path) => path.StartsWithSegments(item.Path);
}
