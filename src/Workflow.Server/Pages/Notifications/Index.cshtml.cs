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

    public NotificationSettings Settings { get; private set; } = null!;
    [BindProperty] public SettingsForm Channels { get; set; } = new();
    public Dictionary<string, string> Errors { get; } = new(StringComparer.OrdinalIgnoreCase);

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    /// <summary>提醒方式: which channels reach her, her mobile number and her quiet hours, saved as the settings API saves them.</summary>
    public async Task<IActionResult> OnPostSettingsAsync(CancellationToken cancellationToken)
    {
        try
        {
            await inbox.ChangeSettingsAsync(Caller.From(User), Channels.ToChange(), cancellationToken);
            TempData["Notice"] = SettingsWords.Saved.ToString();
            return Redirect(Link() + "#settings-heading");
        }
        catch (Exception failure) when (ProblemMapping.Map(failure)?.Status is { } status and >= 400 and < 500)
        {
            foreach (var (field, reason) in Refusals.Fields(failure)) Errors[field] = reason;
            Response.StatusCode = status;
            await LoadAsync(cancellationToken);
            return Page();
        }
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        var caller = Caller.From(User);
        Notifications = await inbox.ListAsync(caller, Unread, Math.Max(1, PageNumber), PageSize, cancellationToken);
        Settings = await inbox.SettingsAsync(caller, cancellationToken);
    }

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
