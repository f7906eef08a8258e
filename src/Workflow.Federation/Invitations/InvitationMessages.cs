using System.Globalization;
using Workflow.Federation.Common;
using Workflow.Federation.Registry;
using Workflow.Federation.Reminders;

namespace Workflow.Federation.Invitations;

/// <summary>
/// The two messages an issued code makes: the code itself, to her own address only, and a notice to the region's officers
/// that says whom was invited, at which address (masked) and by which channel, never the code: officers' reminders also
/// reach group robots, webhooks and their mailboxes.
/// </summary>
internal static class InvitationMessages
{
    /// <summary>Each issue has its own keys (two re-issues may fall in the same millisecond): the outbox would take a repeated key for a repeat and send nothing.</summary>
    public static string Issue() => Guid.NewGuid().ToString("N", CultureInfo.InvariantCulture);

    public static DirectMessage Code(LeaderInvitationRow invitation, string bodyName, string issue, string code, DateTimeOffset now)
    {
        var until = ChinaInstant.Of(now + LeaderInvitations.ValidFor).LocalDate;
        var userName = invitation.Phone ?? invitation.Email;
        var link = $"{LeaderInvitations.ActivationPath}?code={code}";
        return new DirectMessage($"invitation-code:{invitation.Id:N}:{issue}", invitation.Id, invitation.Name, invitation.Email, invitation.Phone,
            new LocalizedText($"{bodyName}领导成员账号激活", $"Activate your account at {bodyName}"),
            new LocalizedText(
                $"{invitation.Name}您好：您当选为{bodyName}{invitation.Role.Chinese()}。请打开 {link} ，或在 {LeaderInvitations.ActivationPath} 输入激活码 {code} 并设置密码，{until:yyyy-MM-dd} 前有效；之后用 {userName} 登录。",
                $"Dear {invitation.Name}, you were elected {RoleEn(invitation.Role)} of {bodyName}. Open {link}, or enter the code {code} on {LeaderInvitations.ActivationPath}, and set your password by {until:yyyy-MM-dd}; then sign in as {userName}."),
            link);
    }

    public static PlannedReminder Notice(LeaderInvitationRow invitation, string bodyName, string issue, DirectChannel channel, DateTimeOffset now)
    {
        var until = ChinaInstant.Of(now + LeaderInvitations.ValidFor).LocalDate;
        var address = Masked(invitation.Phone ?? invitation.Email);
        var (zh, en) = channel switch
        {
            DirectChannel.Sms => ($"已通过短信发送至 {Masked(invitation.Phone)}", $"sent by SMS to {Masked(invitation.Phone)}"),
            DirectChannel.Email => ($"已通过电子邮件发送至 {Masked(invitation.Email)}", $"sent by e-mail to {Masked(invitation.Email)}"),
            _ => ("未能发送：本服务没有可送达其联系方式的渠道（电子邮件或短信），配置后请在组织详情页重新发放",
                "not sent: the service has no channel (e-mail or SMS) that reaches her address; configure one, then re-issue it on the body's page"),
        };
        return new PlannedReminder($"invitation:{invitation.Id:N}:{issue}", ReminderKind.Notify, now, ReminderAudience.Role(AccountRoles.Officer, invitation.RegionCode),
            new LocalizedText($"已邀请领导成员开通账号：{invitation.Name}", $"Account invitation for {invitation.Name}"),
            new LocalizedText(
                $"{bodyName}{invitation.Role.Chinese()}{invitation.Name}（{address}）的账号激活码{zh}，{until:yyyy-MM-dd} 前有效。激活码只发给本人；如她未收到或已过期，请在组织详情页重新发放。",
                $"The account activation code of {invitation.Name} ({RoleEn(invitation.Role)}, {bodyName}, {address}) was {en}, valid until {until:yyyy-MM-dd}. Only she receives the code; if it was lost or expired, re-issue it on the body's page."),
            $"/bodies/{invitation.BodyId}");
    }

    /// <summary>Enough for an officer to tell which address was used, not enough to use it: 139****1234, c***@example.cn.</summary>
    public static string Masked(string? address)
    {
        if (string.IsNullOrEmpty(address)) return "";
        var at = address.IndexOf('@', StringComparison.Ordinal);
        if (at > 0) return $"{address[0]}***{address[at..]}";
        return address.Length > 7 ? $"{address[..3]}****{address[^4..]}" : "****";
    }

    private static string RoleEn(LeaderRole role) => role switch
    {
        LeaderRole.Chair => "chair",
        LeaderRole.ViceChair => "vice-chair",
        LeaderRole.Head => "head",
        _ => "executive member",
    };
}
