using Microsoft.EntityFrameworkCore;
using Workflow.Federation.Registry;
using Workflow.Server.Accounts;
using Workflow.Server.Notifications;
using Workflow.Server.Storage;

namespace Workflow.Server.Robots;

/// <summary>A robot for a body's group (<see cref="BodyId"/>) or a region's (<see cref="RegionCode"/>); DingTalk's <see cref="Secret"/> when it signs.</summary>
public sealed record NewRobot(RobotPlatform Platform, Guid? BodyId, string? RegionCode, string? Name, string? Url, string? Secret, RobotFormat Format = RobotFormat.Markdown);

/// <summary>A robot as the API shows it: the URL's key masked, the secret never (only whether there is one).</summary>
public sealed record RobotView(Guid Id, RobotPlatform Platform, Guid? BodyId, string RegionCode, string Name, RobotFormat Format, string Url, bool Signed,
    DateTimeOffset CreatedAt, string CreatedBy);

/// <summary>A robot message that will not be sent, and the platform's reason; not its text (links and names travel in it).</summary>
public sealed record RobotDeadLetterView(Guid Id, Guid DeliveryId, Guid RobotId, string? RobotName, string Key, int Attempts, string? Reason, DateTimeOffset FailedAt);

/// <summary>
/// Sets up and lists group robots. Officers manage the robots of bodies and regions in their own region (a body's by the
/// body's region), admins every one; a robot outside the caller's region is not found.
/// </summary>
public sealed class RobotDirectory(IDbContextFactory<ServiceDbContext> contexts, BodyAccess bodies, RobotSecrets secrets, FailedDeliveries failed, TimeProvider clock)
{
    public const int MaxNameLength = 100;
    public const int MaxUrlLength = 1000;

    public async Task<IReadOnlyList<RobotView>> ListAsync(Caller caller, Guid? bodyId, string? regionCode, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var query = caller.Reach(db.Robots.AsNoTracking().Where(r => r.Active), r => r.RegionCode);
        if (bodyId is not null) query = query.Where(r => r.BodyId == bodyId);
        if (regionCode is not null) query = query.Where(r => r.BodyId == null && r.RegionCode == regionCode);
        var rows = await query.OrderBy(r => r.RegionCode).ThenBy(r => r.Name).Take(1000).ToListAsync(cancellationToken);
        return rows.Select(View).ToList();
    }

    public async Task<RobotView> CreateAsync(Caller caller, NewRobot request, CancellationToken cancellationToken)
    {
        var errors = new List<(string, string)>();
        if ((request.BodyId is null) == (request.RegionCode is null)) errors.Add(("bodyId", "give either a body id or a region code / 请指定妇联组织或区域之一"));
        var name = request.Name?.Trim() ?? "";
        if (name.Length is 0 or > MaxNameLength) errors.Add(("name", $"1 to {MaxNameLength} characters / 名称为1至{MaxNameLength}个字"));
        var url = ParseUrl(request.Platform, request.Url, errors);
        var secret = string.IsNullOrWhiteSpace(request.Secret) ? null : request.Secret.Trim();
        if (secret is not null && request.Platform != RobotPlatform.DingTalk) errors.Add(("secret", "only DingTalk robots sign their messages / 只有钉钉机器人使用加签密钥"));
        if (secret is { Length: > 200 }) errors.Add(("secret", "at most 200 characters"));
        if (errors.Count > 0) throw Refusal.Validation([.. errors]);

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        string regionCode;
        if (request.BodyId is { } bodyId)
            regionCode = (await bodies.VisibleAsync(caller.Acting, bodyId, cancellationToken)).RegionCode;
        else if (!caller.Covers(request.RegionCode) || !await db.Regions.AnyAsync(r => r.Code == request.RegionCode, cancellationToken))
            throw Refusal.NotFound("region", request.RegionCode!);
        else
            regionCode = request.RegionCode!;

        var now = clock.GetUtcNow();
        var row = new RobotRow
        {
            Id = Guid.CreateVersion7(now), Platform = request.Platform, BodyId = request.BodyId, RegionCode = regionCode, Name = name, Format = request.Format,
            ProtectedUrl = secrets.Protect(url!.AbsoluteUri), ProtectedSecret = secret is null ? null : secrets.Protect(secret), UrlHint = RobotSecrets.UrlHint(url),
            CreatedAt = now, CreatedBy = caller.UserName,
        };
        db.Robots.Add(row);
        await db.SaveChangesAsync(cancellationToken);
        return View(row);
    }

    /// <summary>Kept inactive rather than deleted: deliveries and dead letters still name it; what still waits for it ends as dead letters.</summary>
    public async Task RemoveAsync(Caller caller, Guid id, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var changed = await caller.Reach(db.Robots.Where(r => r.Id == id && r.Active), r => r.RegionCode)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.Active, false), cancellationToken);
        if (changed == 0) throw Refusal.NotFound("robot", id);
    }

    /// <summary>The newest screen of <see cref="FailedDeliveries"/> for robots, in the shape this endpoint always had.</summary>
    public async Task<IReadOnlyList<RobotDeadLetterView>> DeadLettersAsync(int limit, CancellationToken cancellationToken)
    {
        var page = await failed.ListAsync(DeliveryChannel.Robot, null, Math.Clamp(limit, 1, FailedDeliveries.MaxLimit), cancellationToken);
        return page.Items.Select(d => new RobotDeadLetterView(d.Id, d.DeliveryId, d.RecipientId, d.Recipient, d.Key, d.Attempts, d.Reason, d.FailedAt)).ToList();
    }

    /// <summary>An absolute http(s) URL that names its robot the way the platform does: WeCom's <c>key</c>, DingTalk's <c>access_token</c>.</summary>
    private static Uri? ParseUrl(RobotPlatform platform, string? text, List<(string, string)> errors)
    {
        var parameter = platform == RobotPlatform.WeCom ? "key" : "access_token";
        if (text is null || text.Length > MaxUrlLength || !Uri.TryCreate(text.Trim(), UriKind.Absolute, out var url) || url.Scheme is not ("https" or "http"))
        {
            errors.Add(("url", "an absolute http(s) URL / 请填写完整的机器人地址"));
            return null;
        }
        var named = url.Query.TrimStart('?').Split('&').Any(p => p.StartsWith(parameter + "=", StringComparison.Ordinal) && p.Length > parameter.Length + 1);
        if (!named) errors.Add(("url", $"the robot's address carries its {parameter} / 机器人地址应含 {parameter} 参数"));
        return url;
    }

    private static RobotView View(RobotRow r) =>
        new(r.Id, r.Platform, r.BodyId, r.RegionCode, r.Name, r.Format, r.UrlHint, r.ProtectedSecret is not null, r.CreatedAt, r.CreatedBy);
}
