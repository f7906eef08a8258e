namespace Workflow.Federation.Elections;

public enum Gender
{
    Female,
    Male,
}

/// <summary>政治面貌, as candidate registration forms list it.</summary>
public enum PoliticalStatus
{
    CommunistPartyMember,
    ProbationaryPartyMember,
    CommunistYouthLeagueMember,
    DemocraticPartyMember,
    NonPartisan,
    Masses,
}

/// <summary>学历, highest completed.</summary>
public enum Education
{
    Primary,
    JuniorSecondary,
    SeniorSecondary,
    JuniorCollege,
    Bachelor,
    Master,
    Doctorate,
}

/// <summary>
/// A person nominated for the executive committee, with the profile the candidate list shows the
/// party organization and the superior federation (issue 4, step 4). <paramref name="Id"/> is the
/// caller's id for the person; lists and votes refer to candidates by it. <paramref name="Phone"/> and <paramref name="Email"/>
/// reach her once elected: registration invites her to an account with them (see <c>Invitations/LeaderInvitations</c>).
/// </summary>
public sealed record Candidate(
    string Id,
    string Name,
    Gender Gender,
    string Organization,
    string Title,
    int BirthYear,
    PoliticalStatus PoliticalStatus,
    Education Education,
    string? Phone = null,
    string? Email = null);

public static class CandidateProfileNames
{
    public static string ChineseName(this PoliticalStatus status) => status switch
    {
        PoliticalStatus.CommunistPartyMember => "中共党员",
        PoliticalStatus.ProbationaryPartyMember => "中共预备党员",
        PoliticalStatus.CommunistYouthLeagueMember => "共青团员",
        PoliticalStatus.DemocraticPartyMember => "民主党派",
        PoliticalStatus.NonPartisan => "无党派人士",
        PoliticalStatus.Masses => "群众",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };

    public static string ChineseName(this Education education) => education switch
    {
        Education.Primary => "小学",
        Education.JuniorSecondary => "初中",
        Education.SeniorSecondary => "高中(中专)",
        Education.JuniorCollege => "大专",
        Education.Bachelor => "本科",
        Education.Master => "硕士研究生",
        Education.Doctorate => "博士研究生",
        _ => throw new ArgumentOutOfRangeException(nameof(education), education, null),
    };
}
