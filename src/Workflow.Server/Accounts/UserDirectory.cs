using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Workflow.Federation.Common;
using Workflow.Server.Problems;
using Workflow.Server.Storage;
using Workflow.Federation.Regions;

namespace Workflow.Server.Accounts;

public sealed record UserView(Guid Id, string UserName, string DisplayName, IReadOnlyList<string> Roles, string? ApproverKind, string RegionCode,
    string? Email, string Language, bool Active, bool Locked, DateTimeOffset CreatedAt, string? Mobile = null)
{
    public static UserView From(UserRow u, DateTimeOffset now) =>
        new(u.Id, u.UserName, u.DisplayName, u.RoleList, u.ApproverKind, u.RegionCode, u.Email, u.Language, u.Active, u.LockedUntil > now, u.CreatedAt,
            u.Mobile is { } mobile ? Sms.SmsOptions.Mask(mobile) : null);
}

public sealed record NewUser([Present] string UserName, [Present, PersonOrPlaceName] string DisplayName, [Present, NoNullItems] IReadOnlyList<string> Roles, string? ApproverKind, [Present] string RegionCode, string? Email = null, string? Language = null, string? Password = null);

/// <remarks><c>mobile</c>: a mainland number for text-message reminders (+86 optional), shown back masked; an empty string removes it.</remarks>
public sealed record UserChange([PersonOrPlaceName] string? DisplayName, [NoNullItems] IReadOnlyList<string>? Roles, string? ApproverKind, string? RegionCode, string? Email, string? Language, bool? Active,
    string? Mobile = null);

/// <summary>What the users list is narrowed to: name or user name holding the text, one role, a region and below, active or not.</summary>
public sealed record UserFilter(string? Search = null, string? Role = null, string? Region = null, bool? Active = null);

/// <summary>One screen of users, the cursor of the next (null on the last) and how many match in all.</summary>
public sealed record UserSlice(IReadOnlyList<UserView> Items, string? Next, int Total);

/// <summary>A created account or reset password: the one-time password is shown once and never stored in clear.</summary>
public sealed record UserWithPassword(UserView User, string? OneTimePassword);

public sealed class UserDirectory(IDbContextFactory<ServiceDbContext> contexts, IPasswordHasher<UserRow> hasher, SessionGuard sessions, TimeProvider clock)
{
    public const int MaxUserNameLength = 64;
    public const int MaxLimit = 200;

    public async Task<IReadOnlyList<UserView>> ListAsync(Caller caller, string? role, string? search, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var query = db.Users.AsNoTracking();
        query = caller.Reach(query, u => u.RegionCode);
        if (!string.IsNullOrWhiteSpace(search)) query = query.Where(u => u.UserName.Contains(search) || u.DisplayName.Contains(search));
        var rows = await query.OrderBy(u => u.UserName).Take(1000).ToListAsync(cancellationToken);
        var now = clock.GetUtcNow();
        return rows.Where(u => role is null || u.RoleList.Contains(role)).Select(u => UserView.From(u, now)).ToList();
    }

    public async Task<UserView> GetAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var user = await db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.Id == id, cancellationToken) ?? throw Refusal.NotFound("user", id);
        return UserView.From(user, clock.GetUtcNow());
    }

    /// <summary>
    /// A screen of the users in the caller's reach by keyset on the (unique) user name: pass a screen's <see cref="UserSlice.Next"/>
    /// as <paramref name="after"/> for the next. A cursor that does not read back, an unknown role or region, or a limit out of
    /// range is refused rather than read as the first screen, so a client never pages in a circle.
    /// </summary>
    public async Task<UserSlice> SliceAsync(Caller caller, UserFilter filter, string? after, int limit, CancellationToken cancellationToken)
    {
        var errors = new List<(string Field, string Message)>();
        if (limit is < 1 or > MaxLimit) errors.Add(("limit", $"1–{MaxLimit}"));
        var from = UserCursor.Read(after);
        if (after is not null && from is null) errors.Add(("after", "不是本列表给出的游标，请去掉它重新开始（not a cursor this list gave out; start again without it）"));
        if (filter.Role is { } role && !Roles.IsKnown(role)) errors.Add(("role", $"没有角色“{role}”，可用：{string.Join("、", Roles.All)}（unknown role '{role}'）"));
        RegionCode? region = null;
        if (!string.IsNullOrWhiteSpace(filter.Region))
        {
            if (RegionCode.TryParse(filter.Region.Trim(), out var code, out var error)) region = code;
            else errors.Add(("region", error.Text()));
        }
        if (errors.Count > 0) throw Refusal.Validation([.. errors]);
        if (region is { } within && !caller.Covers(within.Value)) throw Refusal.Forbidden($"区域 {within.Value} 不在您的辖区 {caller.RegionCode} 内（region {within.Value} is outside your region {caller.RegionCode}）");

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var query = caller.Reach(db.Users.AsNoTracking(), u => u.RegionCode);
        if (region is { } r) query = query.Within(u => u.RegionCode, r);
        if (filter.Search?.Trim() is { Length: > 0 } search) query = query.Where(u => u.UserName.Contains(search) || u.DisplayName.Contains(search));
        // Roles is a comma-separated column: fenced with commas, "officer" never matches inside another role's name.
        if (filter.Role is { } wanted) query = query.Where(u => ("," + u.Roles + ",").Contains("," + wanted + ","));
        if (filter.Active is { } active) query = query.Where(u => u.Active == active);
        var total = await query.CountAsync(cancellationToken);
        // EF translates the two-argument Compare to the database's ordinal comparison, the one ORDER BY uses.
#pragma warning disable CA1309
        if (from is { } last) query = query.Where(u => string.Compare(u.UserName, last) > 0);
#pragma warning restore CA1309
        var rows = await query.OrderBy(u => u.UserName).Take(limit + 1).ToListAsync(cancellationToken);
        var now = clock.GetUtcNow();
        return new UserSlice([.. rows.Take(limit).Select(u => UserView.From(u, now))], rows.Count > limit ? UserCursor.Write(rows[limit - 1].UserName) : null, total);
    }

    public async Task<UserWithPassword> CreateAsync(NewUser request, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var errors = Check(request, await db.Regions.AnyAsync(r => r.Code == request.RegionCode, cancellationToken));
        if (errors.Count > 0) throw Refusal.Validation([.. errors]);
        if (request.Password is not null) PasswordPolicy.Check(request.Password);
        if (await db.Users.AnyAsync(u => u.UserName == request.UserName, cancellationToken))
            throw Refusal.Conflict("user-exists", $"用户名“{request.UserName}”已被使用（user name '{request.UserName}' is taken）");
        var created = Add(db, request);
        await db.SaveChangesAsync(cancellationToken);
        return created;
    }

    /// <summary>Each request's problems by row index (none: the list is empty), with user names taken already or twice in the list.</summary>
    public async Task<IReadOnlyList<IReadOnlyList<(string Field, string Message)>>> CheckManyAsync(IReadOnlyList<NewUser> requests, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var codes = requests.Select(r => r.RegionCode).Distinct().ToList();
        var regions = (await db.Regions.AsNoTracking().Where(r => codes.Contains(r.Code)).Select(r => r.Code).ToListAsync(cancellationToken)).ToHashSet();
        var names = requests.Select(r => r.UserName.Trim()).Distinct().ToList();
        var taken = (await db.Users.AsNoTracking().Where(u => names.Contains(u.UserName)).Select(u => u.UserName).ToListAsync(cancellationToken)).ToHashSet();
        var seen = new HashSet<string>();
        return [.. requests.Select(request =>
        {
            var errors = Check(request, regions.Contains(request.RegionCode));
            var name = request.UserName.Trim();
            if (taken.Contains(name)) errors.Add(("userName", $"用户名“{name}”已被使用（user name '{name}' is taken）"));
            else if (!seen.Add(name)) errors.Add(("userName", $"用户名“{name}”在文件中出现了两次（user name '{name}' appears twice in the file）"));
            return (IReadOnlyList<(string, string)>)errors;
        })];
    }

    /// <summary>Creates every account in one transaction, each with a one-time password to change at first sign-in; checked first by <see cref="CheckManyAsync"/>.</summary>
    public async Task<IReadOnlyList<UserWithPassword>> CreateManyAsync(IReadOnlyList<NewUser> requests, CancellationToken cancellationToken)
    {
        if ((await CheckManyAsync(requests, cancellationToken)).FirstOrDefault(e => e.Count > 0) is { } errors) throw Refusal.Validation([.. errors]);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var created = requests.Select(r => Add(db, r with { Password = null })).ToList();
        await db.SaveChangesAsync(cancellationToken);
        return created;
    }

    private static List<(string Field, string Message)> Check(NewUser request, bool regionExists)
    {
        var errors = Validate(request.Roles, request.ApproverKind).ToList();
        if (string.IsNullOrWhiteSpace(request.UserName) || request.UserName.Length > MaxUserNameLength || request.UserName.Any(char.IsWhiteSpace))
            errors.Add(("userName", $"1–{MaxUserNameLength} 个字符，不含空格（1–{MaxUserNameLength} characters without spaces）"));
        if (string.IsNullOrWhiteSpace(request.DisplayName)) errors.Add(("displayName", "必填（required）"));
        else if (NameCheck.Problem("displayName", request.DisplayName) is { } garbled) errors.Add((garbled.Field, garbled.Reason.ZhCn));
        if (!regionExists) errors.Add(("regionCode", $"没有区域 {request.RegionCode}（no region '{request.RegionCode}'）"));
        return errors;
    }

    private UserWithPassword Add(ServiceDbContext db, NewUser request)
    {
        var oneTime = request.Password is null ? PasswordPolicy.Generate() : null;
        var user = new UserRow
        {
            Id = Guid.NewGuid(), UserName = request.UserName.Trim(), DisplayName = request.DisplayName.Trim(), PasswordHash = "",
            Roles = string.Join(',', request.Roles.Distinct()), ApproverKind = request.ApproverKind, RegionCode = request.RegionCode,
            Email = request.Email, Language = request.Language ?? "zh-CN", MustChangePassword = oneTime is not null, CreatedAt = clock.GetUtcNow(),
        };
        user.PasswordHash = hasher.HashPassword(user, request.Password ?? oneTime!);
        db.Users.Add(user);
        return new UserWithPassword(UserView.From(user, clock.GetUtcNow()), oneTime);
    }

    public async Task<UserView> UpdateAsync(Guid id, UserChange change, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var user = await db.Users.SingleOrDefaultAsync(u => u.Id == id, cancellationToken) ?? throw Refusal.NotFound("user", id);
        var roles = change.Roles ?? user.RoleList;
        var kind = change.Roles is null && change.ApproverKind is null ? user.ApproverKind : change.ApproverKind;
        var errors = Validate(roles, kind).ToList();
        if (change.RegionCode is not null && !await db.Regions.AnyAsync(r => r.Code == change.RegionCode, cancellationToken))
            errors.Add(("regionCode", $"没有区域 {change.RegionCode}（no region '{change.RegionCode}'）"));
        if (NameCheck.Problem("displayName", change.DisplayName) is { } garbled) errors.Add((garbled.Field, garbled.Reason.ZhCn));
        if (errors.Count > 0) throw Refusal.Validation([.. errors]);
        var newRoles = string.Join(',', roles.Distinct());
        // Access tokens carry roles and region: changed, the old tokens stop at once, and a refresh brings the new ones.
        var claimsChange = newRoles != user.Roles || kind != user.ApproverKind || (change.RegionCode is not null && change.RegionCode != user.RegionCode);
        user.Roles = newRoles;
        user.ApproverKind = kind;
        if (change.DisplayName is not null) user.DisplayName = change.DisplayName.Trim();
        if (change.RegionCode is not null) user.RegionCode = change.RegionCode;
        if (change.Email is not null) user.Email = change.Email;
        if (change.Mobile is not null) user.Mobile = Sms.SmsOptions.MobileChange(change.Mobile);
        if (change.Language is not null) user.Language = change.Language;
        if (change.Active is { } active) user.Active = active;
        user.Revision++;
        if (change.Active == false) await sessions.EndSessionsAsync(db, user, cancellationToken);
        else
        {
            if (claimsChange) user.RenewSecurityStamp();
            await db.SaveChangesAsync(cancellationToken);
            sessions.Forget(user.Id);
        }
        return UserView.From(user, clock.GetUtcNow());
    }

    public async Task<UserWithPassword> ResetPasswordAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var user = await db.Users.SingleOrDefaultAsync(u => u.Id == id, cancellationToken) ?? throw Refusal.NotFound("user", id);
        var oneTime = PasswordPolicy.Generate();
        user.PasswordHash = hasher.HashPassword(user, oneTime);
        user.MustChangePassword = true;
        user.LockedUntil = null;
        user.FailedSignIns = 0;
        await sessions.EndSessionsAsync(db, user, cancellationToken);
        return new UserWithPassword(UserView.From(user, clock.GetUtcNow()), oneTime);
    }

    /// <summary>On the very first start there is nobody to sign in: create the admin with a configured or one-time password.</summary>
    public async Task<string?> EnsureFirstAdminAsync(string? configuredPassword, string rootRegion, CancellationToken cancellationToken)
    {
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
            if (await db.Users.AnyAsync(cancellationToken)) return null;
        var created = await CreateAsync(new NewUser("admin", "系统管理员", [Roles.Admin], null, rootRegion, Password: configuredPassword), cancellationToken);
        return created.OneTimePassword ?? "";
    }

    private static IEnumerable<(string, string)> Validate(IReadOnlyList<string> roles, string? approverKind)
    {
        if (roles.Count == 0) yield return ("roles", "至少一个角色（at least one role）");
        foreach (var role in roles.Where(r => !Roles.IsKnown(r)))
            yield return ("roles", $"没有角色“{role}”，可用：{string.Join("、", Roles.All)}（unknown role '{role}'）");
        if (roles.Contains(Roles.Approver) && (approverKind is null || !ApproverKinds.All.Contains(approverKind)))
            yield return ("approverKind", $"审批人须选一个审批人类别：{string.Join("、", ApproverKinds.All)}（an approver needs one of these）");
        if (!roles.Contains(Roles.Approver) && approverKind is not null)
            yield return ("approverKind", "只有审批人才有审批人类别（only approvers have an approver kind）");
    }
}
