using Workflow.Federation.Kinds;

namespace Workflow.Federation.Elections;

/// <summary>
/// Who stands for chair and vice-chair at the first executive meeting: candidate ids from the executive
/// list. As many candidates as seats (等额), and one chair.
/// </summary>
public sealed record LeadershipNomination(IReadOnlyList<string> ChairCandidateIds, IReadOnlyList<string> ViceChairCandidateIds);

/// <summary>
/// The candidate list the preparatory group drafts (issue 4, step 4) with its election rules (选举办法): the seats for
/// the congress (executive members) and the first executive meeting (vice-chairs), and the <see cref="Procedure"/>
/// approved with the list. A slate stored before the rules were a document has none and counts by the configured defaults.
/// </summary>
public sealed record CandidateSlate(
    FederationKind Kind,
    int ExecutiveSeats,
    int ViceChairSeats,
    IReadOnlyList<Candidate> ExecutiveCandidates,
    LeadershipNomination Leadership,
    ElectionProcedure? Procedure = null)
{
    public ElectionProcedure ProcedureOr(ElectionRules rules) => Procedure ?? rules.DefaultProcedure;

    public string NameOf(string candidateId) =>
        ExecutiveCandidates.FirstOrDefault(c => c.Id == candidateId)?.Name ?? candidateId;

    internal string NamesOf(IEnumerable<string> candidateIds, string separator = "、") => string.Join(separator, candidateIds.Select(NameOf));
}

/// <summary>Checks a candidate list against the rules before the party organization and the superior federation see it.</summary>
public static class CandidateSlateCheck
{
    public static Checked<CandidateSlate> Check(CandidateSlate slate, ElectionRules rules, DateOnly congressDate)
    {
        if (rules.CommitteeSizeFor(slate.Kind) is not { } size) return Checked.Refuse<CandidateSlate>(NoElection(slate.Kind));

        var executiveIds = slate.ExecutiveCandidates.Select(c => c.Id).ToHashSet();
        var refusals = new List<Explanation>();
        refusals.AddRange(slate.ProcedureOr(rules).Problems());
        refusals.AddRange(SeatProblems(slate, size));
        refusals.AddRange(ExecutiveListProblems(slate, rules));
        refusals.AddRange(LeadershipProblems(slate.Leadership, slate.ViceChairSeats, executiveIds, slate, afterCongress: false));
        refusals.AddRange(ProfileProblems(slate, rules, congressDate));
        return refusals.Count == 0 ? Checked.Accept(slate) : Checked.Refuse<CandidateSlate>(refusals);
    }

    internal static Explanation NoElection(FederationKind kind) => new(
        ElectionCodes.NoElectionForKind,
        $"{kind.ChineseName()}不选举执委会,由微家长负责。",
        $"A {kind.EnglishName()} has a head appointed and holds no election.");

    /// <summary>
    /// 等额 for chair (one seat) and vice-chairs, nobody nominated twice, and every nominee eligible:
    /// before the congress an executive-member candidate, at the first executive meeting an elected
    /// executive member, since the committee elects its leaders from among its own members.
    /// </summary>
    internal static IEnumerable<Explanation> LeadershipProblems(
        LeadershipNomination nomination,
        int viceChairSeats,
        IReadOnlySet<string> eligible,
        CandidateSlate slate,
        bool afterCongress)
    {
        var chairs = nomination.ChairCandidateIds.Count;
        if (chairs != 1)
            yield return new Explanation(
                ElectionCodes.ChairCandidatesNotEqualToSeats,
                $"主席实行等额选举:1个名额应有1名候选人,现有{chairs}名。",
                $"The chair is elected with as many candidates as seats: 1 seat needs 1 candidate; there are {chairs}.")
            {
                Figures = new Dictionary<string, int> { ["seats"] = 1, ["candidates"] = chairs },
            };

        var viceChairs = nomination.ViceChairCandidateIds.Count;
        if (viceChairs != viceChairSeats)
            yield return new Explanation(
                ElectionCodes.ViceChairCandidatesNotEqualToSeats,
                $"副主席实行等额选举:{viceChairSeats}个名额应有{viceChairSeats}名候选人,现有{viceChairs}名。",
                $"Vice-chairs are elected with as many candidates as seats: {viceChairSeats} seats need {viceChairSeats} candidates; there are {viceChairs}.")
            {
                Figures = new Dictionary<string, int> { ["seats"] = viceChairSeats, ["candidates"] = viceChairs },
            };

        var leaders = nomination.ChairCandidateIds.Concat(nomination.ViceChairCandidateIds).ToList();
        var twice = leaders.GroupBy(id => id).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        if (AboutCandidates(ElectionCodes.LeaderNominatedTwice, twice, slate, "同一人不能重复提名为主席、副主席候选人", "Nominated more than once for chair or vice-chair") is { } nominatedTwice)
            yield return nominatedTwice;

        var outside = leaders.Distinct().Where(id => !eligible.Contains(id)).ToList();
        var notEligible = afterCongress
            ? AboutCandidates(ElectionCodes.NomineeNotElectedExecutive, outside, slate,
                "主席、副主席从当选执委中产生,以下人员未当选执委",
                "The chair and vice-chairs are elected from the elected executive members; not elected to the committee")
            : AboutCandidates(ElectionCodes.LeaderNotExecutiveCandidate, outside, slate,
                "主席、副主席从执委中产生,以下人员不在执委候选人名单中",
                "The chair and vice-chairs are elected from the executive members; not on the executive list");
        if (notEligible is not null) yield return notEligible;
    }

    /// <summary>An explanation naming the candidates it is about, or none when there are none.</summary>
    private static Explanation? AboutCandidates(string code, List<string> ids, CandidateSlate slate, string chinese, string english) =>
        ids.Count == 0 ? null : new(code, $"{chinese}:{slate.NamesOf(ids)}。", $"{english}: {slate.NamesOf(ids, ", ")}.") { Subjects = ids };

    private static IEnumerable<Explanation> SeatProblems(CandidateSlate slate, CommitteeSize size) =>
        new[]
        {
            SeatRangeProblem(ElectionCodes.ExecutiveSeatsOutOfRange, slate.Kind, slate.ExecutiveSeats, size.MinExecutiveMembers, size.MaxExecutiveMembers, "执委", "executive members"),
            SeatRangeProblem(ElectionCodes.ViceChairSeatsOutOfRange, slate.Kind, slate.ViceChairSeats, size.MinViceChairs, size.MaxViceChairs, "副主席", "vice-chairs"),
        }.OfType<Explanation>();

    private static Explanation? SeatRangeProblem(string code, FederationKind kind, int seats, int min, int max, string chineseRole, string englishRole) =>
        seats >= min && seats <= max ? null : new Explanation(
            code,
            $"{kind.ChineseName()}{chineseRole}应为{Range(min, max)}名,选举办法定了{seats}名。",
            $"A {kind.EnglishName()} has {Range(min, max)} {englishRole}; the election rules set {seats}.")
        {
            Figures = new Dictionary<string, int> { ["seats"] = seats, ["min"] = min, ["max"] = max },
        };

    private static IEnumerable<Explanation> ExecutiveListProblems(CandidateSlate slate, ElectionRules rules)
    {
        var candidates = slate.ExecutiveCandidates.Count;
        var needed = slate.ExecutiveSeats + Math.Max(1, slate.ProcedureOr(rules).ExecutiveMargin);
        if (candidates < needed)
            yield return new Explanation(
                ElectionCodes.ExecutiveCandidatesNotCompetitive,
                $"执委实行差额选举:{slate.ExecutiveSeats}个名额至少需要{needed}名候选人,现有{candidates}名。",
                $"Executive members are elected with more candidates than seats: {slate.ExecutiveSeats} seats need at least {needed} candidates; there are {candidates}.")
            {
                Figures = new Dictionary<string, int> { ["seats"] = slate.ExecutiveSeats, ["candidates"] = candidates, ["needed"] = needed },
            };

        var duplicates = slate.ExecutiveCandidates.GroupBy(c => c.Id).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        if (AboutCandidates(ElectionCodes.DuplicateCandidate, duplicates, slate, "候选人重复列入名单", "Listed more than once") is { } listedTwice)
            yield return listedTwice;
    }

    private static IEnumerable<Explanation> ProfileProblems(CandidateSlate slate, ElectionRules rules, DateOnly congressDate)
    {
        List<string> Where(Func<Candidate, bool> problem) => slate.ExecutiveCandidates.Where(problem).Select(c => c.Id).ToList();

        var incomplete = Where(c => IsBlank(c.Id) || IsBlank(c.Name) || IsBlank(c.Organization) || IsBlank(c.Title));
        var men = rules.CandidatesMustBeWomen ? Where(c => c.Gender != Gender.Female) : [];
        // Only birth years are recorded, so age is the age reached in the congress year.
        var tooYoung = Where(c => congressDate.Year - c.BirthYear < rules.MinimumCandidateAge);
        return new[]
        {
            AboutCandidates(ElectionCodes.CandidateProfileIncomplete, incomplete, slate,
                "候选人信息不全(姓名、单位、职务均须填写)", "Candidate profiles need a name, an organization and a title"),
            AboutCandidates(ElectionCodes.CandidateNotWoman, men, slate,
                "妇联执委候选人应为女性", "Executive-member candidates of a women's federation are women"),
            AboutCandidates(ElectionCodes.CandidateTooYoung, tooYoung, slate,
                $"候选人应在选举当年年满{rules.MinimumCandidateAge}周岁", $"Candidates must reach {rules.MinimumCandidateAge} in the year of the congress") is { } young
                ? young with { Figures = new Dictionary<string, int> { ["minimumAge"] = rules.MinimumCandidateAge, ["congressYear"] = congressDate.Year } }
                : null,
        }.OfType<Explanation>();
    }

    private static bool IsBlank(string text) => string.IsNullOrWhiteSpace(text);

    private static string Range(int min, int max) => min == max ? $"{min}" : $"{min}–{max}";
}
