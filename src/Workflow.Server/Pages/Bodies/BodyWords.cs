using Workflow.Federation.Registry;
using Workflow.Server.Pages.Site;

namespace Workflow.Server.Pages.Bodies;

public static class BodyWords
{
    public static string Role(LeaderRole role) => role switch
    {
        LeaderRole.Chair => Text.LeaderChair,
        LeaderRole.ViceChair => Text.LeaderViceChair,
        LeaderRole.ExecutiveMember => Text.LeaderExecutive,
        LeaderRole.Head => Text.LeaderHead,
        _ => role.ToString(),
    };
}
