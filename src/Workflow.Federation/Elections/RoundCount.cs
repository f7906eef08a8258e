namespace Workflow.Federation.Elections;

/// <summary>
/// Counts one round of a meeting's secret ballot: checks that the record adds up, applies the quorum of the request's
/// election rules, and elects, in each contest, the candidates with a majority in vote order up to its seats.
/// </summary>
internal static class RoundCount
{
    internal sealed record Electorate(string Chinese, string English);

    internal static readonly Electorate Delegates = new("代表", "delegates");
    internal static readonly Electorate Executives = new("执委", "executive members");

    private sealed record Ranking(
        IReadOnlyList<string> Elected,
        IReadOnlyList<string> Tied,
        IReadOnlyList<string> BelowMajority,
        IReadOnlyList<string> BeyondSeats);

    /// <summary>"第2轮（另行选举）" before a later round's texts; the first round speaks plainly.</summary>
    internal static string Label(int round) => round == 1 ? "" : $"第{round}轮（另行选举）";

    internal static string EnglishLabel(int round) => round == 1 ? "" : $"Round {round} (further round): ";

    internal static string OfficeChinese(ElectedRole role) => role switch
    {
        ElectedRole.Chair => "主席",
        ElectedRole.ViceChair => "副主席",
        _ => "执委",
    };

    internal static string OfficeEnglish(ElectedRole role) => role switch
    {
        ElectedRole.Chair => "Chair",
        ElectedRole.ViceChair => "Vice-chairs",
        _ => "Executive members",
    };

    /// <summary>
    /// Why a round's record cannot be counted. More ballots back than issued voids the round: it is voted again, so such
    /// a record is refused rather than counted; so are more votes than the valid ballots can carry.
    /// </summary>
    internal static List<Explanation> Problems(int round, BallotRecord ballots, IReadOnlyList<Contest> contests, CandidateSlate slate, Electorate who)
    {
        var label = Label(round);
        var english = EnglishLabel(round);
        var seats = contests.Sum(c => c.Seats);
        var candidateIds = contests.SelectMany(c => c.CandidateIds).ToHashSet();
        var problems = new List<Explanation>();
        void Inconsistent(string chinese, string inEnglish) =>
            problems.Add(new Explanation(ElectionCodes.RecordInconsistent, label + chinese, english + inEnglish) { Figures = Figures(ballots) });

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
        if (ballots.BallotsReturned > ballots.BallotsIssued)
            problems.Add(new Explanation(
                ElectionCodes.VoteVoid,
                $"{label}发出选票{ballots.BallotsIssued}张，收回{ballots.BallotsReturned}张，收回多于发出，本轮投票无效，应重新投票。",
                $"{english}{ballots.BallotsReturned} ballots came back for {ballots.BallotsIssued} issued, more than were issued: the round is void and is voted again.")
            { Figures = Figures(ballots) });

        var unknown = ballots.VotesByCandidate.Keys.Where(id => !candidateIds.Contains(id)).ToList();
        if (unknown.Count > 0)
            problems.Add(new Explanation(
                ElectionCodes.UnknownCandidateVoted,
                $"{label}计票结果中有不是本轮候选人的人：{string.Join("、", unknown.Select(slate.NameOf))}。",
                $"{english}Votes are recorded for people who do not stand in this round: {string.Join(", ", unknown.Select(slate.NameOf))}.")
            { Subjects = unknown });

        // Each valid ballot names each candidate at most once and at most as many people as seats.
        var valid = ballots.ValidBallots;
        var overCounted = candidateIds.Where(id => ballots.VotesFor(id) > valid).ToList();
        if (overCounted.Count > 0)
            Inconsistent($"得票多于有效票{valid}张：{VotesList(overCounted, ballots, slate, chinese: true)}。", $"More votes than the {valid} valid ballots: {VotesList(overCounted, ballots, slate, chinese: false)}.");
        var total = ballots.VotesByCandidate.Values.Sum(v => (long)v);
        if (total > (long)valid * seats)
            Inconsistent($"总得票{total}票多于有效票{valid}张乘以应选名额{seats}名。", $"{total} votes in all is more than {valid} valid ballots times {seats} seats.");
        return problems;
    }

    /// <summary>
    /// Counts a round whose record adds up. Without a quorum the round elects nobody. A candidate's majority is measured
    /// against those due or the ballots returned, as <paramref name="basis"/> says.
    /// </summary>
    internal static (CountedRound Round, bool Held) Count(
        int round, IReadOnlyList<Contest> contests, BallotRecord ballots, CandidateSlate slate, Electorate who, ElectionProcedure procedure, MajorityBasis basis)
    {
        var explanations = new List<Explanation> { Quorum(round, ballots, who, procedure) };
        var held = procedure.IsQuorate(ballots.Present, ballots.Due);
        if (held && ballots.InvalidBallots > 0)
            explanations.Add(new Explanation(
                ElectionCodes.InvalidBallots,
                $"{Label(round)}收回选票{ballots.BallotsReturned}张，其中{ballots.InvalidBallots}张所选人数多于应选名额，为无效票；有效票{ballots.ValidBallots}张。",
                $"{EnglishLabel(round)}Of {ballots.BallotsReturned} ballots returned, {ballots.InvalidBallots} named more people than seats and are invalid; {ballots.ValidBallots} are valid.")
            { Figures = Figures(ballots) });

        var elected = new List<ElectedCandidate>();
        var tied = new List<string>();
        if (held)
            foreach (var contest in contests)
            {
                var ranking = Rank(contest, ballots, basis);
                explanations.AddRange(RankingExplanations(round, ranking, contest, ballots, slate, who, basis));
                elected.AddRange(ranking.Elected.Select(id => new ElectedCandidate(id, slate.NameOf(id), contest.Role, ballots.VotesFor(id)) { Round = round }));
                tied.AddRange(ranking.Tied);
            }

        explanations.Insert(0, Summary(round, contests, ballots, who, held ? elected.Count : 0));
        return (new CountedRound(round, contests, ballots, elected, tied, explanations), held);
    }

    /// <summary>More than half, exactly: 50 of 100 is not a majority, 51 is.</summary>
    internal static int VotesNeeded(MajorityBasis basis, BallotRecord ballots) => (Base(basis, ballots) / 2) + 1;

    private static int Base(MajorityBasis basis, BallotRecord ballots) => basis == MajorityBasis.OfThoseDue ? ballots.Due : ballots.BallotsReturned;

    private static Explanation Summary(int round, IReadOnlyList<Contest> contests, BallotRecord ballots, Electorate who, int elected) => new(
        ElectionCodes.Round,
        $"第{round}轮{(round == 1 ? "" : "（另行选举）")}：应到{who.Chinese}{ballots.Due}名，实到{ballots.Present}名；发出选票{ballots.BallotsIssued}张，"
        + $"收回{ballots.BallotsReturned}张，无效{ballots.InvalidBallots}张，有效{ballots.ValidBallots}张；"
        + string.Join("，", contests.Select(c => $"{OfficeChinese(c.Role)}应选{c.Seats}名、候选人{c.CandidateIds.Count}名"))
        + $"；当选{elected}名。",
        $"Round {round}: {ballots.Present} of {ballots.Due} {who.English} present; {ballots.BallotsIssued} ballots issued, {ballots.BallotsReturned} returned, "
        + $"{ballots.InvalidBallots} invalid, {ballots.ValidBallots} valid; "
        + string.Join(", ", contests.Select(c => $"{OfficeEnglish(c.Role).ToLowerInvariant()}: {c.Seats} seat(s), {c.CandidateIds.Count} candidate(s)"))
        + $"; {elected} elected.")
    {
        Figures = new Dictionary<string, int>(Figures(ballots)) { ["round"] = round, ["seats"] = contests.Sum(c => c.Seats), ["elected"] = elected },
    };

    /// <summary>The quorum as the election rules state it, e.g. "应到代表30名，实到25名，超过应到人数的三分之二，选举有效。"</summary>
    private static Explanation Quorum(int round, BallotRecord ballots, Electorate who, ElectionProcedure procedure)
    {
        var attendance = new Dictionary<string, int> { ["due"] = ballots.Due, ["present"] = ballots.Present };
        return procedure.IsQuorate(ballots.Present, ballots.Due)
            ? new Explanation(
                ElectionCodes.QuorumMet,
                $"{Label(round)}应到{who.Chinese}{ballots.Due}名，实到{ballots.Present}名，{procedure.QuorumChinese.Met}，选举有效。",
                $"{EnglishLabel(round)}{ballots.Present} of the {ballots.Due} {who.English} due are present: {procedure.QuorumEnglish.Met}, so the vote stands.")
            { Figures = attendance }
            : new Explanation(
                ElectionCodes.QuorumNotMet,
                $"{Label(round)}应到{who.Chinese}{ballots.Due}名，实到{ballots.Present}名，{procedure.QuorumChinese.NotMet}，不能进行选举。",
                $"{EnglishLabel(round)}{ballots.Present} of the {ballots.Due} {who.English} due are present: {procedure.QuorumEnglish.NotMet}, so no vote can be held.")
            { Figures = attendance };
    }

    private static Ranking Rank(Contest contest, BallotRecord ballots, MajorityBasis basis)
    {
        var seats = contest.Seats;
        // OrderByDescending is stable, so equal votes keep the order of the candidate list.
        var majority = contest.CandidateIds.Where(id => ElectionCount.IsMoreThanHalf(ballots.VotesFor(id), Base(basis, ballots)))
            .OrderByDescending(ballots.VotesFor).ToList();
        var belowMajority = contest.CandidateIds.Except(majority).ToList();
        if (majority.Count <= seats) return new Ranking(majority, [], belowMajority, []);

        var lastSeatVotes = ballots.VotesFor(majority[seats - 1]);
        if (ballots.VotesFor(majority[seats]) != lastSeatVotes)
            return new Ranking(majority.Take(seats).ToList(), [], belowMajority, majority.Skip(seats).ToList());

        // Candidates tied across the last seat cannot be ranked: none of them is elected by this round.
        return new Ranking(
            majority.Where(id => ballots.VotesFor(id) > lastSeatVotes).ToList(),
            majority.Where(id => ballots.VotesFor(id) == lastSeatVotes).ToList(),
            belowMajority,
            majority.Where(id => ballots.VotesFor(id) < lastSeatVotes).ToList());
    }

    private static IEnumerable<Explanation> RankingExplanations(
        int round, Ranking ranking, Contest contest, BallotRecord ballots, CandidateSlate slate, Electorate who, MajorityBasis basis)
    {
        var seats = contest.Seats;
        var needed = VotesNeeded(basis, ballots);
        var (ofChinese, ofEnglish) = basis == MajorityBasis.OfThoseDue
            ? ($"应到{who.Chinese}{ballots.Due}名", $"the {ballots.Due} {who.English} due")
            : ($"收回选票{ballots.BallotsReturned}张", $"the {ballots.BallotsReturned} ballots returned");
        var thresholds = new Dictionary<string, int> { ["due"] = ballots.Due, ["returned"] = ballots.BallotsReturned, ["needed"] = needed, ["seats"] = seats };
        Explanation? AboutVotes(string code, IReadOnlyList<string> ids, string chinese, string english, Dictionary<string, int>? figures = null) =>
            ids.Count == 0 ? null : new Explanation(
                code,
                $"{Label(round)}{OfficeChinese(contest.Role)}选举：{chinese}：{VotesList(ids, ballots, slate, chinese: true)}。",
                $"{EnglishLabel(round)}{OfficeEnglish(contest.Role)}: {english}: {VotesList(ids, ballots, slate, chinese: false)}.")
            { Figures = figures ?? thresholds, Subjects = ids };

        var open = seats - ranking.Elected.Count;
        var tiedVotes = ranking.Tied.Count == 0 ? 0 : ballots.VotesFor(ranking.Tied[0]);
        return new[]
        {
            AboutVotes(ElectionCodes.Elected, ranking.Elected,
                $"得票超过{ofChinese}的半数（至少{needed}票）者按得票多少当选",
                $"Elected in vote order with more than half of {ofEnglish} (at least {needed} votes)",
                new Dictionary<string, int>(thresholds) { ["elected"] = ranking.Elected.Count }),
            AboutVotes(ElectionCodes.BelowMajority, ranking.BelowMajority,
                $"得票未超过{ofChinese}的半数（至少需{needed}票），未当选",
                $"Not elected, without more than half of {ofEnglish} ({needed} votes needed)"),
            AboutVotes(ElectionCodes.BeyondSeats, ranking.BeyondSeats,
                $"得票过半但按得票多少排在{seats}个名额之后，未当选",
                $"More than half the votes but ranked after the {seats} seats, so not elected"),
            AboutVotes(ElectionCodes.TieAtLastSeat, ranking.Tied,
                $"最后{open}个名额处得票相等，不能确定当选人，名额空缺，就票数相等的候选人另行选举",
                $"Tied for the last {open} seat(s), so none of them is elected; the seats stay vacant for a further round among those tied",
                new Dictionary<string, int>(thresholds) { ["votes"] = tiedVotes, ["open"] = open, ["tied"] = ranking.Tied.Count }),
        }.OfType<Explanation>();
    }

    private static Dictionary<string, int> Figures(BallotRecord ballots) => new()
    {
        ["due"] = ballots.Due, ["present"] = ballots.Present, ["issued"] = ballots.BallotsIssued,
        ["returned"] = ballots.BallotsReturned, ["invalid"] = ballots.InvalidBallots, ["valid"] = ballots.ValidBallots,
    };

    internal static string VotesList(IEnumerable<string> ids, BallotRecord ballots, CandidateSlate slate, bool chinese) => chinese
        ? string.Join("、", ids.Select(id => $"{slate.NameOf(id)}（{ballots.VotesFor(id)}票）"))
        : string.Join(", ", ids.Select(id => $"{slate.NameOf(id)} ({ballots.VotesFor(id)})"));
}
