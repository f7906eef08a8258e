using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Workflow.Federation.Common;
using Workflow.Federation.Elections;
using Workflow.Federation.Registry;
using Workflow.Federation.Reminders;
using Workflow.Federation.Storage;

namespace Workflow.Federation.Invitations;

/// <summary>Who accepted an invitation: the user name she signs in with (her phone number, or her e-mail address) and her body.</summary>
public sealed record AcceptedInvitation(string UserName, Guid BodyId);

public enum InvitationState
{
    /// <summary>Written at registration; the sweep issues its code.</summary>
    Waiting,
    Issued,
    Expired,
    Accepted,
}

/// <summary>An invitation as officers see it: the address masked, the code never.</summary>
public sealed record InvitationView(Guid Id, Guid LeaderId, string Name, LeaderRole Role, string Address, InvitationState State,
    DateTimeOffset? IssuedAt, DateTimeOffset? ExpiresAt, DateTimeOffset? AcceptedAt);

/// <summary>
/// Accounts for the elected. Registration writes an invitation for every elected chair, vice-chair and executive member
/// whose candidate form gave a phone number or an e-mail address (<see cref="ForElected"/>); the sweep after registration
/// issues each a one-time activation code (<see cref="IssueAsync"/>), kept only as its hash and valid for
/// <see cref="ValidFor"/>. The code goes to her alone, at her own address, through the host's outbox
/// (<see cref="IDirectMessages"/>); the region's officers are told that she was invited and where, never the code. With it
/// she sets her password on <c>/account/activate</c> (<see cref="AcceptAsync"/>): her account is created with the role her
/// post asks for and linked to her leader record; the last leader linked lets the body's plans make themselves
/// (<see cref="BodySetUp"/>). An officer of the region re-issues a lost or expired code (<see cref="ReissueAsync"/>): the
/// old one stops working at once.
/// </summary>
public sealed class LeaderInvitations(FederationWriter writer, IReminderPlanning planner, IDirectMessages messages, IAccountCreation accounts, BodyAccess access,
    BodySetUp setUp, TimeProvider clock)
{
    public static readonly TimeSpan ValidFor = TimeSpan.FromDays(14);
    public const string ActivationPath = "/account/activate";

    // No 0/O, 1/I/L look-alikes: the code is read out over the phone.
    private const string Alphabet = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";
    private const int CodeLength = 12;

    /// <summary>The invitations a registration writes, in its transaction: leaders without any contact are left for an officer to link.</summary>
    internal static IEnumerable<LeaderInvitationRow> ForElected(FederationBodyRow body, IEnumerable<(BodyLeaderRow Leader, Candidate? Candidate)> elected, DateTimeOffset now) =>
        elected.Where(x => x.Leader.Role is LeaderRole.Chair or LeaderRole.ViceChair or LeaderRole.ExecutiveMember && (x.Candidate?.Phone ?? x.Candidate?.Email) is not null)
            .Select(x => new LeaderInvitationRow
            {
                Id = Guid.NewGuid(), BodyId = body.Id, LeaderId = x.Leader.Id, Name = x.Leader.Name, Role = x.Leader.Role, RegionCode = body.RegionCode,
                Phone = x.Candidate!.Phone, Email = x.Candidate.Email, CreatedAt = now,
            });

    /// <summary>
    /// The role her post asks for: the presidium (chair, vice-chairs; a micro-home's head) chairs rotations, so holds the chair
    /// role; an executive member the member role (<see cref="AccountRoles.Member"/>), which reads her body and no more.
    /// </summary>
    public static string RoleFor(LeaderRole post) => post is LeaderRole.Chair or LeaderRole.ViceChair or LeaderRole.Head ? AccountRoles.Chair : AccountRoles.Member;

    /// <summary>Issues a code for every invitation that has none yet; idempotent, so the hourly sweep may call it.</summary>
    public async Task<int> IssueAsync(CancellationToken cancellationToken)
    {
        await using var read = await writer.ReadAsync(cancellationToken);
        var pending = await read.LeaderInvitations.AsNoTracking().Where(i => i.CodeHash == null && i.AcceptedAt == null).ToListAsync(cancellationToken);
        if (pending.Count == 0) return 0;
        var ids = pending.Select(i => i.BodyId).Distinct().ToList();
        var bodies = await read.Bodies.AsNoTracking().Where(b => ids.Contains(b.Id)).ToDictionaryAsync(b => b.Id, b => b.Name, cancellationToken);
        var issued = 0;
        foreach (var invitation in pending)
            if (await IssueOneAsync(invitation, bodies.GetValueOrDefault(invitation.BodyId, ""), replacing: false, cancellationToken)) issued++;
        return issued;
    }

    /// <summary>The body's invitations, for its officers.</summary>
    public async Task<IReadOnlyList<InvitationView>> ListAsync(Acting actor, Guid bodyId, CancellationToken cancellationToken)
    {
        await access.VisibleAsync(actor, bodyId, cancellationToken);
        await using var read = await writer.ReadAsync(cancellationToken);
        var rows = await read.LeaderInvitations.AsNoTracking().Where(i => i.BodyId == bodyId).ToListAsync(cancellationToken);
        var now = clock.GetUtcNow();
        return [.. rows.OrderBy(r => r.Role).ThenBy(r => r.Name, StringComparer.Ordinal).Select(r => View(r, now))];
    }

    /// <summary>A new code for a lost or expired one: the old code is void the moment the new hash is written.</summary>
    public async Task<InvitationView> ReissueAsync(Acting actor, Guid bodyId, Guid invitationId, CancellationToken cancellationToken)
    {
        var body = await access.VisibleAsync(actor, bodyId, cancellationToken);
        await using var read = await writer.ReadAsync(cancellationToken);
        var invitation = await read.LeaderInvitations.AsNoTracking().SingleOrDefaultAsync(i => i.Id == invitationId && i.BodyId == bodyId, cancellationToken)
            ?? throw Errors.NotFound("invitation", $"{body.Name} 没有邀请 {invitationId}", $"body '{bodyId}' has no invitation '{invitationId}'");
        if (invitation.AcceptedAt is not null)
            throw Errors.Invalid("invitation", "invitation-accepted", $"{invitation.Name} 已激活账号，无需重新发放", $"{invitation.Name} has activated her account already");
        if (!await IssueOneAsync(invitation, body.Name, replacing: true, cancellationToken))
            throw Errors.Invalid("invitation", "invitation-accepted", $"{invitation.Name} 刚刚激活了账号，无需重新发放", $"{invitation.Name} has just activated her account");
        await using var again = await writer.ReadAsync(cancellationToken);
        return View(await again.LeaderInvitations.AsNoTracking().SingleAsync(i => i.Id == invitationId, cancellationToken), clock.GetUtcNow());
    }

    /// <summary>Writes the new hash, sends her the code and tells the officers; false when the invitation was taken meanwhile.</summary>
    private async Task<bool> IssueOneAsync(LeaderInvitationRow invitation, string bodyName, bool replacing, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var code = NewCode();
        var hash = Hash(code);
        var written = await writer.WriteAsync(db => db.LeaderInvitations.Where(i => i.Id == invitation.Id && i.AcceptedAt == null && (replacing || i.CodeHash == null))
            .ExecuteUpdateAsync(s => s.SetProperty(i => i.CodeHash, hash).SetProperty(i => i.IssuedAt, now).SetProperty(i => i.ExpiresAt, now + ValidFor), cancellationToken),
            cancellationToken);
        if (written == 0) return false; // accepted, or another node issued it meanwhile
        try
        {
            var issue = InvitationMessages.Issue();
            var channel = await messages.SendAsync(InvitationMessages.Code(invitation, bodyName, issue, code, now), cancellationToken);
            await planner.PlanAsync([InvitationMessages.Notice(invitation, bodyName, issue, channel, now)], cancellationToken);
        }
        catch (Exception) when (!cancellationToken.IsCancellationRequested && !replacing)
        {
            // Nobody was told: take the code back, so the next sweep issues a new one.
            await writer.WriteAsync(db => db.LeaderInvitations.Where(i => i.Id == invitation.Id && i.CodeHash == hash)
                .ExecuteUpdateAsync(s => s.SetProperty(i => i.CodeHash, (string?)null).SetProperty(i => i.IssuedAt, (DateTimeOffset?)null), CancellationToken.None), CancellationToken.None);
            throw;
        }
        return true;
    }

    /// <summary>Sets her password with the code: creates her account, links it to her leader record and spends the code.</summary>
    public async Task<AcceptedInvitation> AcceptAsync(string code, string password, CancellationToken cancellationToken)
    {
        var hash = Hash(Normalize(code));
        await using var read = await writer.ReadAsync(cancellationToken);
        var invitation = await read.LeaderInvitations.AsNoTracking().SingleOrDefaultAsync(i => i.CodeHash == hash, cancellationToken);
        var now = clock.GetUtcNow();
        if (invitation is null || invitation.AcceptedAt is not null || invitation.ExpiresAt <= now) throw Spent();
        var userName = invitation.Phone ?? invitation.Email!;
        var userId = await accounts.CreateAsync(new NewAccount(userName, invitation.Name, invitation.RegionCode, [RoleFor(invitation.Role)], invitation.Email), password, cancellationToken);
        await writer.WriteAsync(async db =>
        {
            var row = await db.LeaderInvitations.SingleAsync(i => i.Id == invitation.Id, cancellationToken);
            row.AcceptedAt = now;
            row.UserId = userId;
            var leader = await db.BodyLeaders.SingleAsync(l => l.Id == invitation.LeaderId, cancellationToken);
            leader.UserId = userId;
            return await db.SaveChangesAsync(cancellationToken);
        }, cancellationToken);
        await setUp.CompleteWhenReadyAsync(invitation.BodyId, cancellationToken);
        return new AcceptedInvitation(userName, invitation.BodyId);
    }

    private static InvitationView View(LeaderInvitationRow row, DateTimeOffset now) => new(row.Id, row.LeaderId, row.Name, row.Role,
        InvitationMessages.Masked(row.Phone ?? row.Email),
        row.AcceptedAt is not null ? InvitationState.Accepted : row.CodeHash is null ? InvitationState.Waiting : row.ExpiresAt <= now ? InvitationState.Expired : InvitationState.Issued,
        row.IssuedAt, row.ExpiresAt, row.AcceptedAt);

    private static FederationValidationException Spent() => Errors.Invalid("code", "invitation-spent",
        "激活码无效、已使用或已过期，请向所在地妇联工作人员索取新的激活码", "the activation code is wrong, used or expired; ask your federation officer for a new one");

    private static string NewCode()
    {
        var chars = RandomNumberGenerator.GetItems<char>(Alphabet, CodeLength);
        return $"{new string(chars, 0, 4)}-{new string(chars, 4, 4)}-{new string(chars, 8, 4)}";
    }

    /// <summary>As she may type it: any case, with or without the dashes and spaces.</summary>
    private static string Normalize(string code) => new([.. code.Where(char.IsLetterOrDigit).Select(char.ToUpperInvariant)]);

    private static string Hash(string code) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(Normalize(code))));
}
