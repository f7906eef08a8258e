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

/// <summary>
/// Accounts for the elected. Registration writes an invitation for every elected chair, vice-chair and executive member
/// whose candidate form gave a phone number or an e-mail address (<see cref="ForElected"/>); the sweep after registration
/// issues each a one-time activation code (<see cref="IssueAsync"/>), kept only as its hash and valid for
/// <see cref="ValidFor"/>. The service has no channel to someone without an account, so the code goes to the officers of
/// the body's region, who pass it on by the phone or e-mail on the form. With it she sets her password on
/// <c>/account/activate</c> (<see cref="AcceptAsync"/>): her account is created through the host's
/// <see cref="IAccountCreation"/> and linked to her leader record, as an officer would link it; the last leader linked lets
/// the body's plans make themselves (<see cref="BodySetUp"/>).
/// </summary>
public sealed class LeaderInvitations(FederationWriter writer, IReminderPlanning planner, IAccountCreation accounts, BodySetUp setUp, TimeProvider clock)
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

    /// <summary>Issues a code for every invitation that has none yet and tells the region's officers; idempotent, so the hourly sweep may call it.</summary>
    public async Task<int> IssueAsync(CancellationToken cancellationToken)
    {
        await using var read = await writer.ReadAsync(cancellationToken);
        var pending = await read.LeaderInvitations.AsNoTracking().Where(i => i.CodeHash == null && i.AcceptedAt == null).ToListAsync(cancellationToken);
        if (pending.Count == 0) return 0;
        var ids = pending.Select(i => i.BodyId).Distinct().ToList();
        var bodies = await read.Bodies.AsNoTracking().Where(b => ids.Contains(b.Id)).ToDictionaryAsync(b => b.Id, b => b.Name, cancellationToken);
        var issued = 0;
        foreach (var invitation in pending)
        {
            var now = clock.GetUtcNow();
            var code = NewCode();
            var written = await writer.WriteAsync(db => db.LeaderInvitations.Where(i => i.Id == invitation.Id && i.CodeHash == null)
                .ExecuteUpdateAsync(s => s.SetProperty(i => i.CodeHash, Hash(code)).SetProperty(i => i.IssuedAt, now).SetProperty(i => i.ExpiresAt, now + ValidFor), cancellationToken),
                cancellationToken);
            if (written == 0) continue; // another node issued it meanwhile
            try
            {
                await planner.PlanAsync([Notice(invitation, bodies.GetValueOrDefault(invitation.BodyId, ""), code, now)], cancellationToken);
            }
            catch (Exception) when (!cancellationToken.IsCancellationRequested)
            {
                // Nobody was told the code: take it back, so the next sweep issues a new one.
                await writer.WriteAsync(db => db.LeaderInvitations.Where(i => i.Id == invitation.Id)
                    .ExecuteUpdateAsync(s => s.SetProperty(i => i.CodeHash, (string?)null).SetProperty(i => i.IssuedAt, (DateTimeOffset?)null), CancellationToken.None), CancellationToken.None);
                throw;
            }
            issued++;
        }
        return issued;
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
        // Every elected leader gets the chair role: the role the rotation asks of the presidium, and one an account must hold.
        var userId = await accounts.CreateAsync(new NewAccount(userName, invitation.Name, invitation.RegionCode, [AccountRoles.Chair], invitation.Email), password, cancellationToken);
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

    private static FederationValidationException Spent() => Errors.Invalid("code", "invitation-spent",
        "激活码无效、已使用或已过期，请向所在地妇联工作人员索取新的激活码", "the activation code is wrong, used or expired; ask your federation officer for a new one");

    private static PlannedReminder Notice(LeaderInvitationRow invitation, string bodyName, string code, DateTimeOffset now)
    {
        var until = ChinaInstant.Of(now + ValidFor).LocalDate;
        var contact = invitation.Phone ?? invitation.Email;
        return new PlannedReminder($"invitation:{invitation.Id:N}", ReminderKind.Notify, now, ReminderAudience.Role(AccountRoles.Officer, invitation.RegionCode),
            new LocalizedText($"领导成员账号激活码：{invitation.Name}", $"Account activation code for {invitation.Name}"),
            new LocalizedText(
                $"{bodyName}{RoleZh(invitation.Role)}{invitation.Name}的账号激活码为 {code}，{until:yyyy-MM-dd} 前有效。请通过 {contact} 转交本人：她在 {ActivationPath} 输入激活码并设置密码，即可用 {contact} 登录，账号自动关联到她的领导成员记录。",
                $"The activation code of {invitation.Name} ({invitation.Role}, {bodyName}) is {code}, valid until {until:yyyy-MM-dd}. Pass it to her at {contact}: on {ActivationPath} she enters it and sets her password, then signs in as {contact}, linked to her leader record."),
            ActivationPath);
    }

    private static string RoleZh(LeaderRole role) => role switch
    {
        LeaderRole.Chair => "主席",
        LeaderRole.ViceChair => "副主席",
        _ => "执委",
    };

    private static string NewCode()
    {
        var chars = RandomNumberGenerator.GetItems<char>(Alphabet, CodeLength);
        return $"{new string(chars, 0, 4)}-{new string(chars, 4, 4)}-{new string(chars, 8, 4)}";
    }

    /// <summary>As she may type it: any case, with or without the dashes and spaces.</summary>
    private static string Normalize(string code) => new([.. code.Where(char.IsLetterOrDigit).Select(char.ToUpperInvariant)]);

    private static string Hash(string code) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(Normalize(code))));
}
