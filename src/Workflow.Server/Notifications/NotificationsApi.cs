using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Workflow.Server.Accounts;
using Workflow.Server.Problems;

namespace Workflow.Server.Notifications;

public static class NotificationsApi
{
    public static IEndpointRouteBuilder MapNotificationsApi(this IEndpointRouteBuilder app)
    {
        var inbox = app.MapGroup("/api/notifications").WithTags("Notifications").WithCommonProblems().RequireAuthorization();
        inbox.MapGet("/", List).WithSummary("The caller's in-app notifications, newest first, with the unread count");
        inbox.MapGet("/unread-count", Unread).WithSummary("How many of the caller's notifications are unread");
        inbox.MapPost("/{id:guid}/read", MarkRead).WithSummary("Mark one notification read");
        inbox.MapPost("/read-all", MarkAllRead).WithSummary("Mark every notification of the caller read");

        var settings = app.MapGroup("/api/me/notification-settings").WithTags("Notifications").WithCommonProblems().RequireAuthorization();
        settings.MapGet("/", Settings).WithSummary("The caller's channels (in-app, e-mail, webhook) and the language messages are written in");
        settings.MapPut("/", ChangeSettings).WithSummary("Choose channels; the language is the account's");

        var admin = app.MapGroup("/api/admin/dead-letters").WithTags("Admin: deliveries").WithCommonProblems().RequireAuthorization(Policies.Admin);
        admin.MapGet("/", DeadLetters).WithSummary("Messages of every outside channel (Email, Webhook, Robot, Sms) that will not be sent, newest first, with the last answer of the server or platform; " +
                "their text is left out and mobile numbers are masked. Page with cursor = the previous answer's next (a bad cursor is a 400); limit 1–200");
        return app;
    }

    private static async Task<Ok<FailedDeliveryPage>> DeadLetters(FailedDeliveries letters, CancellationToken cancellationToken,
        DeliveryChannel? channel = null, string? cursor = null, int limit = 50) =>
        TypedResults.Ok(await letters.ListAsync(channel, cursor, limit, cancellationToken));

    private static async Task<Ok<NotificationPage>> List(ClaimsPrincipal user, NotificationInbox inbox, CancellationToken cancellationToken,
        bool unreadOnly = false, int page = 1, int pageSize = 20) =>
        TypedResults.Ok(await inbox.ListAsync(Caller.From(user), unreadOnly, page, pageSize, cancellationToken));

    private static async Task<Ok<UnreadCount>> Unread(ClaimsPrincipal user, NotificationInbox inbox, CancellationToken cancellationToken) =>
        TypedResults.Ok(await inbox.UnreadAsync(Caller.From(user), cancellationToken));

    private static async Task<NoContent> MarkRead(Guid id, ClaimsPrincipal user, NotificationInbox inbox, CancellationToken cancellationToken)
    {
        await inbox.MarkReadAsync(Caller.From(user), id, cancellationToken);
        return TypedResults.NoContent();
    }

    private static async Task<Ok<MarkedRead>> MarkAllRead(ClaimsPrincipal user, NotificationInbox inbox, CancellationToken cancellationToken) =>
        TypedResults.Ok(await inbox.MarkAllReadAsync(Caller.From(user), cancellationToken));

    private static async Task<Ok<NotificationSettings>> Settings(ClaimsPrincipal user, NotificationInbox inbox, CancellationToken cancellationToken) =>
        TypedResults.Ok(await inbox.SettingsAsync(Caller.From(user), cancellationToken));

    private static async Task<Ok<NotificationSettings>> ChangeSettings(NotificationSettingsChange change, ClaimsPrincipal user, NotificationInbox inbox, CancellationToken cancellationToken) =>
        TypedResults.Ok(await inbox.ChangeSettingsAsync(Caller.From(user), change, cancellationToken));
}
