using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Workflow.Server.Accounts;
using Workflow.Server.Notifications;
using Workflow.Server.Pages.Site;
using Workflow.Server.Problems;

namespace Workflow.Server.Pages.Notifications;

/// <summary>消息: the person's in-app notifications, newest first, by the inbox behind <c>/api/notifications</c>.</summary>
public sealed class IndexModel(NotificationInbox inbox) : PageModel
{
    public const int PageSize = 20;

    [BindProperty(SupportsGet = true)] public bool Unread { get; set; }
    [BindProperty(SupportsGet = true, Name = "p")] public int PageNumber { get; set; } = 1;
    public NotificationPage Notifications { get; private set; } = new([], 1, PageSize, 0, 0);
    public int Pages => Math.Max(1, (Notifications.Total + PageSize - 1) / PageSize);

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Notifications = await inbox.ListAsync(Caller.From(User), Unread, Math.Max(1, PageNumber), PageSize, cancellationToken);

    public async Task<IActionResult> OnPostReadAsync(Guid id, CancellationToken cancellationToken)
    {
        try
        {
            await inbox.MarkReadAsync(Caller.From(User), id, cancellationToken);
        }
        catch (Exception failure) when (ProblemMapping.Map(failure) is { Status: 404 } problem)
        {
            return NotFound();
        }
        TempData["Notice"] = Text.MarkedRead.ToString();
        return Redirect(Link());
    }

    public async Task<IActionResult> OnPostReadAllAsync(CancellationToken cancellationToken)
    {
        var marked = await inbox.MarkAllReadAsync(Caller.From(User), cancellationToken);
        TempData["Notice"] = Text.MarkedAllRead.Format(marked.Marked);
        return Redirect(Link());
    }

    public string Link(int? page = null) => Url.Page("/Notifications/Index", new { unread = Unread ? true : (bool?)null, p = page is null or 1 ? null : page })!;
}
