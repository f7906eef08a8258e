using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Workflow.Federation.Common;
using Workflow.Server.Accounts;
using Workflow.Server.Notifications;
using Workflow.Server.Problems;
using Workflow.Server.Storage;

namespace Workflow.Server.Webhooks;

/// <summary>A webhook for one person (<see cref="UserId"/>) or one region (<see cref="RegionCode"/>).</summary>
public sealed record NewWebhook(Guid? UserId, string? RegionCode, [Present] string Url, [Present] string Secret);

/// <summary>A webhook as admins see it: the secret is never shown again.</summary>
public sealed record WebhookView(Guid Id, Guid? UserId, string? RegionCode, string Url, bool Active, DateTimeOffset CreatedAt, string CreatedBy);

/// <summary>A webhook delivery that failed on every attempt; not its body (links, names and codes travel in it).</summary>
public sealed record DeadLetterView(Guid Id, Guid DeliveryId, DeliveryChannel Channel, string Key, Guid RecipientId, string? Target, int Attempts,
    string? LastError, DateTimeOffset FailedAt);

public static class WebhooksApi
{
    public const int MinSecretLength = 16;

    public static IEndpointRouteBuilder MapWebhooksApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/admin/webhooks").WithTags("Admin: webhooks").WithCommonProblems().RequireAuthorization(Policies.Admin);
        group.MapGet("/", List).WithSummary("Webhooks set up for people and regions");
        group.MapPost("/", Create).WithSummary("Set up a webhook for a person or a region: URL and HMAC secret");
        group.MapDelete("/{id:guid}", Delete).WithSummary("Remove a webhook; deliveries still pending for it end as dead letters");
        group.MapGet("/dead-letters", DeadLetters).WithSummary("Webhook deliveries that failed on every attempt, newest first");
        return app;
    }

    private static async Task<Ok<List<WebhookView>>> List(IDbContextFactory<ServiceDbContext> contexts, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return TypedResults.Ok(await db.WebhookSubscriptions.AsNoTracking().Where(h => h.Active).OrderBy(h => h.CreatedAt)
            .Select(h => new WebhookView(h.Id, h.UserId, h.RegionCode, h.Url, h.Active, h.CreatedAt, h.CreatedBy)).ToListAsync(cancellationToken));
    }

    private static async Task<Created<WebhookView>> Create(NewWebhook request, ClaimsPrincipal user, IDbContextFactory<ServiceDbContext> contexts, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var errors = new List<(string, string)>();
        if ((request.UserId is null) == (request.RegionCode is null)) errors.Add(("userId", "give either a user id or a region code"));
        if (request.UserId is { } userId && !await db.Users.AnyAsync(u => u.Id == userId, cancellationToken)) errors.Add(("userId", $"no user '{userId}'"));
        if (request.RegionCode is { } code && !await db.Regions.AnyAsync(r => r.Code == code, cancellationToken)) errors.Add(("regionCode", $"no region '{code}'"));
        if (!Uri.TryCreate(request.Url, UriKind.Absolute, out var url) || url.Scheme is not ("https" or "http")) errors.Add(("url", "an absolute http(s) URL"));
        if (string.IsNullOrEmpty(request.Secret) || request.Secret.Length < MinSecretLength) errors.Add(("secret", $"at least {MinSecretLength} characters"));
        if (errors.Count > 0) throw ProblemException.Validation([.. errors]);

        var row = new WebhookSubscriptionRow
        {
            Id = Guid.CreateVersion7(clock.GetUtcNow()), UserId = request.UserId, RegionCode = request.RegionCode, Url = request.Url, Secret = request.Secret,
            CreatedAt = clock.GetUtcNow(), CreatedBy = Caller.From(user).UserName,
        };
        db.WebhookSubscriptions.Add(row);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/api/admin/webhooks/{row.Id}", new WebhookView(row.Id, row.UserId, row.RegionCode, row.Url, row.Active, row.CreatedAt, row.CreatedBy));
    }

    private static async Task<NoContent> Delete(Guid id, IDbContextFactory<ServiceDbContext> contexts, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        // Kept inactive rather than deleted: deliveries and dead letters still name it.
        var changed = await db.WebhookSubscriptions.Where(h => h.Id == id && h.Active).ExecuteUpdateAsync(s => s.SetProperty(h => h.Active, false), cancellationToken);
        return changed == 0 ? throw ProblemException.NotFound("webhook", id) : TypedResults.NoContent();
    }

    private static async Task<Ok<List<DeadLetterView>>> DeadLetters(FailedDeliveries failed, CancellationToken cancellationToken, int limit = 100)
    {
        var page = await failed.ListAsync(DeliveryChannel.Webhook, null, Math.Clamp(limit, 1, FailedDeliveries.MaxLimit), cancellationToken);
        return TypedResults.Ok(page.Items.Select(d => new DeadLetterView(d.Id, d.DeliveryId, d.Channel, d.Key, d.RecipientId, d.Target, d.Attempts, d.Reason, d.FailedAt))
            .ToList());
    }
}
