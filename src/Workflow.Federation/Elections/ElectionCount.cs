using Workflow.Federation.Kinds;

namespace Workflow.Federation.Elections;

/// <summary>
/// Counts the votes of the women's congress and of the first executive meeting by the rules of
/// DESIGN.md ("Rules from federation practice"): more than half of those due must be present; a vote
/// with more ballots returned than issued is void; a candidate is elected with more than half of the
/// votes of those due (not of those present), in vote order up to the seats.
/// </summary>
public static class ElectionCount
{
    private sealed record Electorate(string Chinese, string English);

    private static readonly Electorate Delegates = new("代表", "delegates");
    private static readonly Electorate Executives = new("执委", "executive members");

    /// <summary>Which election an explanation speaks of, since the first executive meeting votes for chair and vice-chairs at once.</summary>
    private sealed record Office(string Chinese, string English);

    private static readonly Office ExecutiveMember = new("执委", "Executive members");
    private static readonly Office Chair = new("主席", "Chair");
    private static readonly Office ViceChair = new("副主席", "Vice-chairs");

    private sealed record Ranking(
        IReadOnlyList<string> Elected,
        IReadOnlyList<string> Tied,
        IReadOnlyList<string> BelowMajority,
        IReadOnlyList<string> BeyondSeats);

    /// <summary>Counts the congress's vote for executive members; the slate is the one <see cref="CandidateSlateCheck"/> accepted.</summary>
    public static ElectionOutcome CountCongress(CandidateSlate slate, ElectionRules rules, BallotRecord ballots)
    {
        const ElectionStage stage = ElectionStage.Congress;
        if (rules.CommitteeSizeFor(slate.Kind) is not { } size)
            return Outcome(stage, ElectionStatus.RecordRejected, [CandidateSlateCheck.NoElection(slate.Kind)]);

        var candidateIds = slate.ExecutiveCandidates.Select(c => c.Id).ToList();
        var rejected = RecordProblems(ballots, slate.ExecutiveSeats, candidateIds, slate, Delegates);
        if (rejected.Count > 0) return Outcome(stage, ElectionStatus.RecordRejected, rejected);

        var (explanations, held) = Gate(ballots, Delegates, rules.Quorum);
        if (!held) return Outcome(stage, ElectionStatus.Failed, explanations);

        var ranking = Rank(candidateIds, ballots, slate.ExecutiveSeats);
        explanations.AddRange(RankingExplanations(ranking, ballots, slate.ExecutiveSeats, slate, Delegates, ExecutiveMember));
        var elected = ranking.Elected.Select(id => Elect(id, ElectedRole.ExecutiveMember, slate, ballots)).ToList();
        var vacant = slate.ExecutiveSeats - elected.Count;
        if (ranking.Tied.Count > 0)
            return Outcome(stage, ElectionStatus.Undecided, explanations, elected, ranking.Tied, vacant);

        if (elected.Count < size.MinExecutiveMembers)
        {
            explanations.Add(new Explanation(
                ElectionCodes.CommitteeTooSmall,
                $"当选执委{elected.Count}名,少于{slate.Kind.ChineseName()}执委最少{size.MinExecutiveMembers}名,选举不成功,应重新选举。",
                $"{elected.Count} executive members elected, fewer than the {size.MinExecutiveMembers} a {slate.Kind.EnglishName()} needs at least: the election failed and is to be held again.")
            {
                Figures = new Dictionary<string, int> { ["elected"] = elected.Count, ["min"] = size.MinExecutiveMembers },
            });
            return Outcome(stage, ElectionStatus.Failed, explanations);
        }

        if (vacant > 0) explanations.Add(Vacancies(slate.ExecutiveSeats, elected.Count, "执委", "executive members"));
        return Outcome(stage, ElectionStatus.Valid, explanations, elected, [], vacant);
    }

    /// <summary>
    /// Counts the first executive meeting: the executive members elected by <paramref name="congress"/>
    /// elect the chair and vice-chairs, each with as many candidates as seats, each needing more than half
    /// of the executive members due. <paramref name="nomination"/> replaces the slate's when a nominee was
    /// not elected to the committee or a failed meeting is re-run with new nominees.
    /// </summary>
    public static ElectionOutcome CountExecutiveMeeting(
        CandidateSlate slate,
        ElectionRules rules,
        ElectionOutcome congress,
        BallotRecord ballots,
        LeadershipNomination? nomination = null)
    {
        const ElectionStage stage = ElectionStage.FirstExecutiveMeeting;
        if (rules.CommitteeSizeFor(slate.Kind) is not { } size)
            return Outcome(stage, ElectionStatus.RecordRejected, [CandidateSlateCheck.NoElection(slate.Kind)]);
        if (congress.Stage != ElectionStage.Congress || !congress.IsValid)
            return Outcome(stage, ElectionStatus.RecordRejected, [new Explanation(
                ElectionCodes.CongressNotValid,
                "妇女大会选举尚未有效产生执委,不能召开第一次执委会议选举主席、副主席。",
                "The congress has not validly elected the executive members, so no first executive meeting can elect a chair and vice-chairs.")]);

        nomination ??= slate.Leadership;
        var committee = congress.Elected.Select(e => e.CandidateId).ToHashSet();
        var rejected = CandidateSlateCheck.LeadershipProblems(nomination, slate.ViceChairSeats, committee, slate, afterCongress: true).ToList();
        if (ballots.Due != committee.Count)
            rejected.Add(new Explanation(
                ElectionCodes.ExecutivesDueMismatch,
                $"应到执委应为大会当选的{committee.Count}名,记录为{ballots.Due}名。",
                $"The executive members due are the {committee.Count} the congress elected; the record says {ballots.Due}.")
            {
                Figures = new Dictionary<string, int> { ["due"] = ballots.Due, ["committee"] = committee.Count },
            });
        var nominees = nomination.ChairCandidateIds.Concat(nomination.ViceChairCandidateIds).ToList();
        rejected.AddRange(RecordProblems(ballots, nominees.Count, nominees, slate, Executives));
        if (rejected.Count > 0) return Outcome(stage, ElectionStatus.RecordRejected, rejected);

        var (explanations, held) = Gate(ballots, Executives, rules.Quorum);
        if (!held) return Outcome(stage, ElectionStatus.Failed, explanations);

        var chair = Rank(nomination.ChairCandidateIds, ballots, seats: 1);
        var viceChairs = Rank(nomination.ViceChairCandidateIds, ballots, slate.ViceChairSeats);
        explanations.AddRange(RankingExplanations(chair, ballots, 1, slate, Executives, Chair));
        explanations.AddRange(RankingExplanations(viceChairs, ballots, slate.ViceChairSeats, slate, Executives, ViceChair));

        var failed = false;
        if (chair.Elected.Count == 0)
        {
            var chairId = nomination.ChairCandidateIds[0];
            explanations.Add(new Explanation(
                ElectionCodes.ChairNotElected,
                $"主席候选人{slate.NameOf(chairId)}未获应到执委过半数选票,主席未选出,选举不成功。",
                $"The chair candidate {slate.NameOf(chairId)} did not get more than half of the executive members due: no chair was elected and the vote failed.")
            { Subjects = [chairId] });
            failed = true;
        }

        if (viceChairs.Elected.Count < size.MinViceChairs)
        {
            explanations.Add(new Explanation(
                ElectionCodes.TooFewViceChairs,
                $"当选副主席{viceChairs.Elected.Count}名,少于{slate.Kind.ChineseName()}最少{size.MinViceChairs}名,选举不成功。",
                $"{viceChairs.Elected.Count} vice-chairs elected, fewer than the {size.MinViceChairs} a {slate.Kind.EnglishName()} needs at least: the vote failed.")
            {
                Figures = new Dictionary<string, int> { ["elected"] = viceChairs.Elected.Count, ["min"] = size.MinViceChairs },
            });
            failed = true;
        }

        if (failed) return Outcome(stage, ElectionStatus.Failed, explanations);

        var vacant = slate.ViceChairSeats - viceChairs.Elected.Count;
        if (vacant > 0) explanations.Add(Vacancies(slate.ViceChairSeats, viceChairs.Elected.Count, "副主席", "vice-chairs"));
        var elected = chair.Elected.Select(id => Elect(id, ElectedRole.Chair, slate, ballots))
            .Concat(viceChairs.Elected.Select(id => Elect(id, ElectedRole.ViceChair, slate, ballots)))
            .ToList();
        return Outcome(stage, ElectionStatus.Valid, explanations, elected, [], vacant);
    }

    /// <summary>More than half, exactly: 50 of 100 is not a majority, 51 is.</summary>
    internal static bool IsMoreThanHalf(int count, int of) => 2L * count > of;

    private static int VotesNeeded(int due) => (due / 2) + 1;

    private static ElectionOutcome Outcome(
        ElectionStage stage,
        ElectionStatus status,
        IReadOnlyList<Explanation> explanations,
        IReadOnlyList<ElectedCandidate>? elected = null,
        IReadOnlyList<string>? tied = null,
        int vacant = 0) =>
        new(stage, status, elected ?? [], tied ?? [], vacant, explanations);

    private static ElectedCandidate Elect(string id, ElectedRole role, CandidateSlate slate, BallotRecord ballots) =>
        new(id, slate.NameOf(id), role, ballots.VotesFor(id));

    private static List<Explanation> RecordProblems(
        BallotRecord ballots,
        int seats,
        IReadOnlyCollection<string> candidateIds,
        CandidateSlate slate,
        Electorate who)
    {
        var problems = new List<Explanation>();
        void Inconsistent(string chinese, string english) =>
            problems.Add(new Explanation(ElectionCodes.RecordInconsistent, chinese, english)
            {
                Figures = new Dictionary<string, int>
                {
                    ["due"] = ballots.Due, ["present"] = ballots.Present, ["issued"] = ballots.BallotsIssued,
                    ["returned"] = ballots.BallotsReturned, ["invalid"] = ballots.InvalidBallots,
                },
            });

        if (ballots.Due < 0 || ballots.Present < 0 || ballots.BallotsIssued < 0 || ballots.BallotsReturned < 0
            || ballots.InvalidBallots < 0 || ballots.VotesByCandidate.Values.Any(v => v < 0))
            Inconsistent("人数、票数不能为负数。", "Counts and votes cannot be negative.");
        if (ballots.Due < 1)
            Inconsistent($"应到{who.Chinese}至少1名。", $"At least one of the {who.English} must be due.");
        if (ballots.Present > ballots.Due)
            Inconsistent($"实到{who.Chinese}{ballots.Present}名多于应到{ballots.Due}名。", $"{ballots.Present} {who.English} present is more than the {ballots.Due} due.");
        if (ballots.BallotsIssued > ballots.Present)
            Inconsistent($"发出选票{ballots.BallotsIssued}张多于实到{who.Chinese}{ballots.Present}名。", $"{ballots.BallotsIssued} ballots issued is more than the {ballots.Present} {who.English} present.");
        if (ballots.InvalidBallots > ballots.BallotsReturned)
            Inconsistent($"无效票{ballots.InvalidBallots}张多于收回选票{ballots.BallotsReturned}张。", $"{ballots.InvalidBallots} invalid ballots is more than the {ballots.BallotsReturned} returned.");

        var unknown = ballots.VotesByCandidate.Keys.Where(id => !candidateIds.Contains(id)).ToList();
        if (unknown.Count > 0)
            problems.Add(new Explanation(
                ElectionCodes.UnknownCandidateVoted,
                $"计票结果中有不在候选人名单上的人:{string.Join("、", unknown)}。",
                $"Votes are recorded for people not on the candidate list: {string.Join(", ", unknown)}.")
            { Subjects = unknown });

        // Each valid ballot names each candidate at most once and at most as many people as seats.
        var valid = ballots.ValidBallots;
        var overCounted = candidateIds.Where(id => ballots.VotesFor(id) > valid).ToList();
        if (overCounted.Count > 0)
            Inconsistent($"得票多于有效票{valid}张:{VotesList(overCounted, ballots, slate, chinese: true)}。", $"More votes than the {valid} valid ballots: {VotesList(overCounted, ballots, slate, chinese: false)}.");
        var total = ballots.VotesByCandidate.Values.Sum(v => (long)v);
        if (total > (long)valid * seats)
            Inconsistent($"总得票{total}票多于有效票{valid}张乘以应选名额{seats}名。", $"{total} votes in all is more than {valid} valid ballots times {seats} seats.");
        return problems;
    }

    private static (List<Explanation> Explanations, bool Held) Gate(BallotRecord ballots, Electorate who, Quorum rule)
    {
        var explanations = new List<Explanation>();
        var (quorum, share, shareEnglish) = rule == Quorum.MoreThanTwoThirds
            ? (3L * ballots.Present > 2L * ballots.Due, "三分之二", "two-thirds")
            : (IsMoreThanHalf(ballots.Present, ballots.Due), "半数", "half");
        var attendance = new Dictionary<string, int> { ["due"] = ballots.Due, ["present"] = ballots.Present };
        explanations.Add(quorum
            ? new Explanation(
                ElectionCodes.QuorumMet,
                $"应到{who.Chinese}{ballots.Due}名,实到{ballots.Present}名,超过{share},可以进行选举。",
                $"{ballots.Present} of the {ballots.Due} {who.English} due are present: more than {shareEnglish}, so the vote can be held.")
            { Figures = attendance }
            : new Explanation(
                ElectionCodes.QuorumNotMet,
                $"应到{who.Chinese}{ballots.Due}名,实到{ballots.Present}名,未超过{share},不能进行选举。",
                $"{ballots.Present} of the {ballots.Due} {who.English} due are present: not more than {shareEnglish}, so no vote can be held.")
            { Figures = attendance });

        var ballotFigures = new Dictionary<string, int>
        {
            ["issued"] = ballots.BallotsIssued, ["returned"] = ballots.BallotsReturned,
            ["invalid"] = ballots.InvalidBallots, ["valid"] = ballots.ValidBallots,
        };
        var isVoid = ballots.BallotsReturned > ballots.BallotsIssued;
        if (isVoid)
            explanations.Add(new Explanation(
                ElectionCodes.VoteVoid,
                $"发出选票{ballots.BallotsIssued}张,收回{ballots.BallotsReturned}张,收回多于发出,本次选举无效。",
                $"{ballots.BallotsReturned} ballots came back for {ballots.BallotsIssued} issued, more than were issued: the whole vote is void.")
            { Figures = ballotFigures });
        else if (ballots.InvalidBallots > 0)
            explanations.Add(new Explanation(
                ElectionCodes.InvalidBallots,
                $"收回选票{ballots.BallotsReturned}张,其中{ballots.InvalidBallots}张所选人数多于应选名额,为无效票;有效票{ballots.ValidBallots}张。",
                $"Of {ballots.BallotsReturned} ballots returned, {ballots.InvalidBallots} named more people than seats and are invalid; {ballots.ValidBallots} are valid.")
            { Figures = ballotFigures });
        return (explanations, quorum && !isVoid);
    }

    private static Ranking Rank(IReadOnlyList<string> candidateIds, BallotRecord ballots, int seats)
    {
        // OrderByDescending is stable, so equal votes keep the order of the candidate list.
        var majority = candidateIds.Where(id => IsMoreThanHalf(ballots.VotesFor(id), ballots.Due))
            .OrderByDescending(ballots.VotesFor).ToList();
        var belowMajority = candidateIds.Except(majority).ToList();
        if (majority.Count <= seats) return new Ranking(majority, [], belowMajority, []);

        var lastSeatVotes = ballots.VotesFor(majority[seats - 1]);
        if (ballots.VotesFor(majority[seats]) != lastSeatVotes)
            return new Ranking(majority.Take(seats).ToList(), [], belowMajority, majority.Skip(seats).ToList());

        // Candidates tied across the last seat cannot be ranked: none of them is elected by this count.
        return new Ranking(
            majority.Where(id => ballots.VotesFor(id) > lastSeatVotes).ToList(),
            majority.Where(id => ballots.VotesFor(id) == lastSeatVotes).ToList(),
            belowMajority,
            majority.Where(id => ballots.VotesFor(id) < lastSeatVotes).ToList());
    }

    private static IEnumerable<Explanation> RankingExplanations(Ranking ranking, BallotRecord ballots, int seats, CandidateSlate slate, Electorate who, Office office)
    {
        var needed = VotesNeeded(ballots.Due);
        var thresholds = new Dictionary<string, int> { ["due"] = ballots.Due, ["needed"] = needed, ["seats"] = seats };
        Explanation? AboutVotes(string code, IReadOnlyList<string> ids, string chinese, string english, Dictionary<string, int>? figures = null) =>
            ids.Count == 0 ? null : new Explanation(
                code,
                $"{office.Chinese}选举:{chinese}:{VotesList(ids, ballots, slate, chinese: true)}。",
                $"{office.English}: {english}: {VotesList(ids, ballots, slate, chinese: false)}.")
            { Figures = figures ?? thresholds, Subjects = ids };

        var open = seats - ranking.Elected.Count;
        var tiedVotes = ranking.Tied.Count == 0 ? 0 : ballots.VotesFor(ranking.Tied[0]);
        return new[]
        {
            AboutVotes(ElectionCodes.Elected, ranking.Elected,
                $"得票超过应到{who.Chinese}{ballots.Due}名半数(至少{needed}票)者按得票多少当选",
                $"Elected in vote order with more than half of the {ballots.Due} {who.English} due (at least {needed} votes)",
                new Dictionary<string, int>(thresholds) { ["elected"] = ranking.Elected.Count }),
            AboutVotes(ElectionCodes.BelowMajority, ranking.BelowMajority,
                $"得票未超过应到{who.Chinese}{ballots.Due}名半数(至少需{needed}票),未当选",
                $"Not elected, without more than half of the {ballots.Due} {who.English} due ({needed} votes needed)"),
            AboutVotes(ElectionCodes.BeyondSeats, ranking.BeyondSeats,
                $"得票过半但按得票多少排在{seats}个名额之后,未当选",
                $"More than half the votes but ranked after the {seats} seats, so not elected"),
            AboutVotes(ElectionCodes.TieAtLastSeat, ranking.Tied,
                $"最后{open}个名额处得票相等,不能确定当选人,应就票数相等的候选人再次投票",
                $"Tied for the last {open} seat(s), so none of them is elected; those tied are to be voted on again",
                new Dictionary<string, int>(thresholds) { ["votes"] = tiedVotes, ["open"] = open, ["tied"] = ranking.Tied.Count }),
        }.OfType<Explanation>();
    }

    private static Explanation Vacancies(int seats, int elected, string chineseRole, string englishRole) => new(
        ElectionCodes.SeatsVacant,
        $"应选{chineseRole}{seats}名,当选{elected}名,{seats - elected}个名额空缺,可另行补选。",
        $"{elected} of {seats} {englishRole} elected; {seats - elected} seat(s) left vacant, to be filled by a later by-election.")
    {
        Figures = new Dictionary<string, int> { ["seats"] = seats, ["elected"] = elected, ["vacant"] = seats - elected },
    };

    private static string VotesList(IEnumerable<string> ids, BallotRecord ballots, CandidateSlate slate, bool chinese) => chinese
        ? string.Join("、", ids.Select(id => $"{slate.NameOf(id)}({ballots.VotesFor(id)}票)"))
        : string.Join(", ", ids.Select(id => $"{slate.NameOf(id)} ({ballots.VotesFor(id)})"));
}
