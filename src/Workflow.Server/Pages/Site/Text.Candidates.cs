namespace Workflow.Server.Pages.Site;

/// <summary>The election page's candidate form: the list drafted row by row while the request is in preparation.</summary>
public static partial class Text
{
    public static readonly Phrase EnterCandidatesLink = new("录入候选人名单", "Enter the candidate list");
    public static readonly Phrase CandidateFormTitle = new("编辑候选人名单", "Edit the candidate list");
    public static readonly Phrase CandidateFormHelp = new("逐一填写候选人信息，可随时添加或删除；保存后由党组织审查、上级妇联批复。",
        "Enter each candidate; add or remove rows as you go. Once saved, the party organization reviews the list and the superior federation approves it.");
    public static readonly Phrase ExecutiveSeatsLabel = new("应选执委名额", "Executive seats");
    public static readonly Phrase ViceChairSeatsLabel = new("应选副主席名额", "Vice-chair seats");
    public static readonly Phrase CongressDateLabel = new("妇女大会日期", "Date of the women's congress");
    public static readonly Phrase QuorumLabel = new("到会人数要求", "Quorum");
    public static readonly Phrase QuorumDefault = new("按默认规定", "The configured default");
    public static readonly Phrase QuorumTwoThirdsOption = new("超过应到人数的三分之二", "More than two-thirds of those due");
    public static readonly Phrase QuorumTwoThirdsOrMoreOption = new("应到人数的三分之二以上（含本数）", "Two-thirds or more of those due");
    public static readonly Phrase QuorumHalfOption = new("超过应到人数的半数", "More than half of those due");
    public static readonly Phrase CandidateRowLegend = new("候选人 {0}", "Candidate {0}");
    public static readonly Phrase NominationExecutive = new("执委", "Executive member");
    public static readonly Phrase AddCandidate = new("添加候选人", "Add a candidate");
    public static readonly Phrase RemoveCandidate = new("删除候选人 {0}", "Remove candidate {0}");
    public static readonly Phrase SaveCandidates = new("保存候选人名单", "Save the candidate list");
    public static readonly Phrase CandidatesSaved = new("候选人名单已保存，共 {0} 名。", "Candidate list saved: {0} candidates.");
    public static readonly Phrase CandidatesNotNow = new("本申请当前不在筹备步骤，不能修改候选人名单。", "The request is not in preparation; the candidate list cannot change now.");
    public static readonly Phrase CandidatesRefused = new("候选人名单未保存：", "The candidate list was not saved:");
    public static readonly Phrase DateNeeded = new("请填写日期。", "Enter a date.");
    public static readonly Phrase BirthYearNeeded = new("请填写四位出生年份。", "Enter the year of birth (four digits).");
}
