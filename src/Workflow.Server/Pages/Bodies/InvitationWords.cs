using Workflow.Federation.Invitations;
using Workflow.Server.Pages.Site;

namespace Workflow.Server.Pages.Bodies;

/// <summary>The words of the body page's 账号邀请 section: officers see who was invited and re-issue a lost or expired code.</summary>
public static class InvitationWords
{
    public static readonly Phrase Heading = new("领导成员账号邀请", "Leaders' account invitations");
    public static readonly Phrase Help = new("激活码只发给本人（她的电子邮件或手机短信），这里不显示。重新发放后，旧激活码立即失效。",
        "The code goes to her alone (her e-mail or SMS) and is not shown here. Re-issuing voids the old code at once.");
    public static readonly Phrase Until = new("有效期至 {0}", "valid until {0}");
    public static readonly Phrase Reissue = new("重新发放", "Re-issue");
    public static readonly Phrase Reissued = new("已为 {0} 重新发放激活码，旧激活码已失效。", "A new code went to {0}; the old one no longer works.");

    public static string State(InvitationState state) => state switch
    {
        InvitationState.Waiting => new Phrase("待发放", "Waiting"),
        InvitationState.Issued => new Phrase("已发放", "Issued"),
        InvitationState.Expired => new Phrase("已过期", "Expired"),
        _ => new Phrase("已激活", "Activated"),
    };
}
