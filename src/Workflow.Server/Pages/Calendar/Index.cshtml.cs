using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using QRCoder;
using Workflow.Server.Accounts;
using Workflow.Server.Calendar;

namespace Workflow.Server.Pages.Calendar;

/// <summary>The feed address just made: https for any calendar, webcal to subscribe in one tap, and a QR code for a phone.</summary>
public sealed record FeedAddress(string Https, string Webcal, string QrPngDataUri);

/// <summary>
/// 日程: the person's upcoming entries and her private feed address (<see cref="CalendarFeed"/>, as <c>/api/me/calendar-token</c>).
/// The address holds a secret shown once, so it is rendered in the POST's own answer, never stored in a cookie or a redirect.
/// </summary>
public sealed class IndexModel(CalendarFeed feed) : PageModel
{
    private const int Upcoming = 30;

    public IReadOnlyList<CalendarEntry> Entries { get; private set; } = [];
    public bool HasFeed { get; private set; }
    public FeedAddress? NewFeed { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public async Task<IActionResult> OnPostFeedAsync(CancellationToken cancellationToken)
    {
        var token = await feed.CreateTokenAsync(Caller.From(User), $"{Request.Scheme}://{Request.Host}{Request.PathBase}", cancellationToken);
        var webcal = "webcal" + token.Url[token.Url.IndexOf("://", StringComparison.Ordinal)..];
        NewFeed = new FeedAddress(token.Url, webcal, "data:image/png;base64," + Convert.ToBase64String(PngByteQRCodeHelper.GetQRCode(webcal, QRCodeGenerator.ECCLevel.M, 6)));
        Response.Headers.CacheControl = "no-store";
        await LoadAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostRevokeAsync(CancellationToken cancellationToken)
    {
        await feed.RevokeTokenAsync(Caller.From(User), cancellationToken);
        TempData["Notice"] = Site.Text.FeedRevoked.ToString();
        return LocalRedirect("/calendar");
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        var caller = Caller.From(User);
        Entries = await feed.UpcomingAsync(caller, Upcoming, cancellationToken);
        HasFeed = await feed.HasTokenAsync(caller, cancellationToken);
    }
}
