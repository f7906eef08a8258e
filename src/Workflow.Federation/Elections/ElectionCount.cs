using Workflow.Federation.Kinds;

namespace Workflow.Federation.Elections;

/// <summary>
/// Counts the women's congress and the first executive meeting by the rules of DESIGN.md ("Rules from federation
/// practice") and the request's own election rules (<see cref="ElectionProcedure"/>). A meeting votes in rounds: those
/// elected stay elected, and when seats are left vacant the same meeting votes once more (另行选举) for them among the
/// candidates not elected — executive seats with more candidates than seats, taken by their first-round votes (差额),
/// chair and vice-chair seats with as many (等额). The committee is formed once its minimum size is reached.
/// </summary>
public static class ElectionCount
{
    /// <summary>More than half, exactly: 50 of 100 is not a majority, 51 is.</summary>
    internal static bool IsMoreThanHalf(int count, int of) => 2L * count > of;

    public static ElectionOutcome CountCongress(CandidateSlate slate, ElectionRules rules, BallotRecord ballots) => CountCongress(slate, rules, [ballots]);

    /// <summary>Counts the congress's rounds for executive members; the slate is the one <see cref="CandidateSlateCheck"/> accepted.</summary>
    public static ElectionOutcome CountCongress(CandidateSlate slate, ElectionRules rules, IReadOnlyList<BallotRecord> rounds)
    {
        const ElectionStage stage = ElectionStage.Congress;
        if (rules.CommitteeSizeFor(slate.Kind) is not { } size) return Rejected(stage, [CandidateSlateCheck.NoElection(slate.Kind)]);
        var procedure = slate.ProcedureOr(rules);
        if (ShapeProblems(rounds) is { Count: > 0 } shape) return Rejected(stage, shape);

        var seats = slate.ExecutiveSeats;
        var counted = new List<CountedRound>();
        var elected = new List<ElectedCandidate>();
        Contest? next = new(ElectedRole.ExecutiveMember, seats, slate.ExecutiveCandidates.Select(c => c.Id).ToList());
        foreach (var ballots in rounds)
        {
            var number = counted.Count + 1;
            if (next is null) return Rejected(stage, [RoundNotNeeded(number, counted)]);
            if (RoundCount.Problems(number, ballots, [next], slate, RoundCount.Delegates) is { Count: > 0 } problems) return Rejected(stage, problems);
            var (round, held) = RoundCount.Count(number, [next], ballots, slate, RoundCount.Delegates, procedure, procedure.MajorityBasis);
            counted.Add(round);
            elected.AddRange(round.Elected);
            next = !held && number == 1 ? null : ExecutiveContest(seats - elected.Count, counted[0], elected, procedure.ExecutiveMargin);
        }

        var explanations = new List<Explanation> { procedure.Describe(slate) };
        if (!procedure.IsQuorate(rounds[0].Present, rounds[0].Due))
            return Outcome(stage, ElectionStatus.Failed, [], 0, explanations, counted, [], procedure);

        var vacant = seats - elected.Count;
        var nextRound = next is not null && counted.Count < ElectionProcedure.MaxRounds ? new[] { next } : [];
        var formed = elected.Count >= size.MinExecutiveMembers;
        if (vacant > 0) explanations.Add(Vacancies(seats, elected.Count, "执委", "executive members", counted[^1], slate));
        explanations.Add(formed
            ? Formed(vacant == 0
                ? ($"应选执委{seats}名全部选出，执委会组成。", $"All {seats} executive members are elected: the committee is formed.")
                : ($"当选执委{elected.Count}名，达到{slate.Kind.ChineseName()}执委最少{size.MinExecutiveMembers}名，执委会组成。",
                    $"{elected.Count} executive members elected, at least the {size.MinExecutiveMembers} a {slate.Kind.EnglishName()} needs: the committee is formed."))
            : TooSmall(ElectionCodes.CommitteeTooSmall, nextRound.Length > 0,
                $"当选执委{elected.Count}名，少于{slate.Kind.ChineseName()}执委最少{size.MinExecutiveMembers}名，执委会{(nextRound.Length > 0 ? "尚未" : "不能")}组成",
                $"{elected.Count} executive members elected, fewer than the {size.MinExecutiveMembers} a {slate.Kind.EnglishName()} needs at least, so the committee is not formed",
                new Dictionary<string, int> { ["elected"] = elected.Count, ["min"] = size.MinExecutiveMembers }));
        if (nextRound.Length > 0) explanations.Add(FurtherRound(nextRound, counted[0], slate, procedure.ExecutiveMargin, formed));

        var status = formed ? ElectionStatus.Valid : nextRound.Length > 0 ? ElectionStatus.Undecided : ElectionStatus.Failed;
        return Outcome(stage, status, status == ElectionStatus.Failed ? [] : elected, vacant, explanations, counted, nextRound, procedure);
    }

    public static ElectionOutcome CountExecutiveMeeting(CandidateSlate slate, ElectionRules rules, ElectionOutcome congress, BallotRecord ballots) =>
        CountExecutiveMeeting(slate, rules, congress, [ballots]);

    /// <summary>
    /// Counts the first executive meeting: the executive members elected by <paramref name="congress"/> elect the chair and
    /// vice-chairs, each with as many candidates as seats, each needing more than half of the executive members due. A round's
    /// <see cref="BallotRecord.Nomination"/> replaces the proposed one: in the first round when a nominee was not elected to the
    /// committee, in the further round when the meeting nominates others for the vacant posts.
    /// </summary>
    public static ElectionOutcome CountExecutiveMeeting(CandidateSlate slate, ElectionRules rules, ElectionOutcome congress, IReadOnlyList<BallotRecord> rounds)
    {
        const ElectionStage stage = ElectionStage.FirstExecutiveMeeting;
        if (rules.CommitteeSizeFor(slate.Kind) is not { } size) return Rejected(stage, [CandidateSlateCheck.NoElection(slate.Kind)]);
        if (congress.Stage != ElectionStage.Congress || !congress.IsValid)
            return Rejected(stage, [new Explanation(
                ElectionCodes.CongressNotValid,
                "妇女大会选举尚未有效产生执委，不能召开第一次执委会议选举主席、副主席。",
                "The congress has not validly elected the executive members, so no first executive meeting can elect a chair and vice-chairs.")]);
        if (ShapeProblems(rounds) is { Count: > 0 } shape) return Rejected(stage, shape);

        var procedure = slate.ProcedureOr(rules);
        var committee = congress.Elected.Select(e => e.CandidateId).ToHashSet();
        var nomination = rounds[0].Nomination ?? slate.Leadership;
        var rejected = CandidateSlateCheck.LeadershipProblems(nomination, slate.ViceChairSeats, committee, slate, afterCongress: true).ToList();
        if (rounds[0].Due != committee.Count)
            rejected.Add(new Explanation(
                ElectionCodes.ExecutivesDueMismatch,
                $"应到执委应为大会当选的{committee.Count}名，记录为{rounds[0].Due}名。",
                $"The executive members due are the {committee.Count} the congress elected; the record says {rounds[0].Due}.")
            {
                Figures = new Dictionary<string, int> { ["due"] = rounds[0].Due, ["committee"] = committee.Count },
            });
        if (rejected.Count > 0) return Rejected(stage, rejected);

        var counted = new List<CountedRound>();
        var elected = new List<ElectedCandidate>();
        List<Contest> next = [new(ElectedRole.Chair, 1, nomination.ChairCandidateIds), new(ElectedRole.ViceChair, slate.ViceChairSeats, nomination.ViceChairCandidateIds)];
        foreach (var ballots in rounds)
        {
            var number = counted.Count + 1;
            if (next.Count == 0) return Rejected(stage, [RoundNotNeeded(number, counted)]);
            if (number > 1 && ballots.Nomination is { } renominated)
            {
                if (RenominationProblems(number, renominated, next, committee, elected, slate) is { } wrong) return Rejected(stage, [wrong]);
                next = [.. next.Select(c => c with { CandidateIds = c.Role == ElectedRole.Chair ? renominated.ChairCandidateIds : renominated.ViceChairCandidateIds })];
            }
            if (RoundCount.Problems(number, ballots, next, slate, RoundCount.Executives) is { Count: > 0 } problems) return Rejected(stage, problems);
            // The chair and vice-chairs need more than half of the executive members due, whatever the congress's basis.
            var (round, held) = RoundCount.Count(number, next, ballots, slate, RoundCount.Executives, procedure, MajorityBasis.OfThoseDue);
            counted.Add(round);
            elected.AddRange(round.Elected);
            next = !held && number == 1 ? [] : LeadershipContests(next, elected);
        }

        var explanations = new List<Explanation> { procedure.Describe(slate) };
        if (!procedure.IsQuorate(rounds[0].Present, rounds[0].Due))
            return Outcome(stage, ElectionStatus.Failed, [], 0, explanations, counted, [], procedure);

        var chair = elected.FirstOrDefault(e => e.Role == ElectedRole.Chair);
        var viceChairs = elected.Count(e => e.Role == ElectedRole.ViceChair);
        var nextRound = counted.Count < ElectionProcedure.MaxRounds ? next : [];
        var again = nextRound.Count > 0;
        if (chair is null)
        {
            var chairId = counted[^1].Contests.First(c => c.Role == ElectedRole.Chair).CandidateIds[0];
            explanations.Add(TooSmall(ElectionCodes.ChairNotElected, again,
                $"主席候选人{slate.NameOf(chairId)}未获应到执委过半数选票，主席未选出",
                $"The chair candidate {slate.NameOf(chairId)} did not get more than half of the executive members due: no chair was elected",
                null) with { Subjects = [chairId] });
        }
        else explanations.Add(Formed(($"主席{chair.Name}当选（第{chair.Round}轮）。", $"{chair.Name} is elected chair (round {chair.Round}).")));

        var vacantViceChairs = slate.ViceChairSeats - viceChairs;
        if (vacantViceChairs > 0) explanations.Add(Vacancies(slate.ViceChairSeats, viceChairs, "副主席", "vice-chairs", counted[^1], slate));
        if (viceChairs < size.MinViceChairs)
            explanations.Add(TooSmall(ElectionCodes.TooFewViceChairs, again,
                $"当选副主席{viceChairs}名，少于{slate.Kind.ChineseName()}最少{size.MinViceChairs}名",
                $"{viceChairs} vice-chairs elected, fewer than the {size.MinViceChairs} a {slate.Kind.EnglishName()} needs at least",
                new Dictionary<string, int> { ["elected"] = viceChairs, ["min"] = size.MinViceChairs }));
        var formed = chair is not null && viceChairs >= size.MinViceChairs;
        if (again) explanations.Add(FurtherRound(nextRound, counted[0], slate, margin: 0, formed));

        var status = formed ? ElectionStatus.Valid : again ? ElectionStatus.Undecided : ElectionStatus.Failed;
        var vacant = (chair is null ? 1 : 0) + vacantViceChairs;
        var leaders = elected.OrderBy(e => e.Role).ToList();
        return Outcome(stage, status, status == ElectionStatus.Failed ? [] : leaders, vacant, explanations, counted, nextRound, procedure);
    }

    private static ElectionOutcome Outcome(
        ElectionStage stage, ElectionStatus status, IReadOnlyList<ElectedCandidate> elected, int vacant, IReadOnlyList<Explanation> explanations,
        IReadOnlyList<CountedRound> rounds, IReadOnlyList<Contest> nextRound, ElectionProcedure procedure) =>
        new(stage, status, elected, vacant, explanations) { Rounds = rounds, NextRound = nextRound, Procedure = procedure };

    private static ElectionOutcome Rejected(ElectionStage stage, IReadOnlyList<Explanation> explanations) =>
        new(stage, ElectionStatus.RecordRejected, [], 0, explanations);

    private static List<Explanation> ShapeProblems(IReadOnlyList<BallotRecord> rounds)
    {
        var problems = new List<Explanation>();
        if (rounds.Count == 0)
            problems.Add(new Explanation(ElectionCodes.NoRounds, "至少录入一轮投票结果。", "Record at least one round."));
        if (rounds.Count > ElectionProcedure.MaxRounds)
            problems.Add(new Explanation(
                ElectionCodes.TooManyRounds,
                $"同一次会议只就空缺名额另行选举一次，最多{ElectionProcedure.MaxRounds}轮，录入了{rounds.Count}轮。",
                $"A meeting votes once more for vacant seats, so at most {ElectionProcedure.MaxRounds} rounds; {rounds.Count} were recorded.")
            { Figures = new Dictionary<string, int> { ["rounds"] = rounds.Count, ["max"] = ElectionProcedure.MaxRounds } });
        if (rounds.Select(r => r.Due).Distinct().Count() > 1)
            problems.Add(new Explanation(
                ElectionCodes.RoundsDueDiffer,
                $"同一次会议各轮应到人数应相同，录入的是{string.Join("、", rounds.Select(r => r.Due))}。",
                $"The rounds of one meeting have the same number due; the record says {string.Join(", ", rounds.Select(r => r.Due))}."));
        return problems;
    }

    private static Explanation RoundNotNeeded(int round, List<CountedRound> counted) => counted.Count == 1 && counted[0].Explanations.Any(e => e.Code == ElectionCodes.QuorumNotMet)
        ? new(ElectionCodes.RoundNotNeeded, $"第1轮到会人数不足，未能选举，没有第{round}轮。", $"Round 1 had no quorum and elected nobody, so there is no round {round}.")
        : new(ElectionCodes.RoundNotNeeded, $"前一轮已选足名额，不需另行选举，没有第{round}轮。", $"The seats were filled before round {round}, so no further round is held.");

    /// <summary>
    /// The further round for vacant executive seats: the candidates not elected, ranked by their first-round votes, as many as
    /// the seats and the 差额 margin; those tied with the last one taken stand too, since nothing tells them apart.
    /// </summary>
    private static Contest? ExecutiveContest(int vacant, CountedRound first, IReadOnlyList<ElectedCandidate> elected, int margin)
    {
        if (vacant <= 0) return null;
        var ranked = first.Contests[0].CandidateIds.Where(id => elected.All(e => e.CandidateId != id))
            .OrderByDescending(first.Ballots.VotesFor).ToList();
        var take = Math.Min(ranked.Count, vacant + margin);
        if (take == 0) return null;
        var lastVotes = first.Ballots.VotesFor(ranked[take - 1]);
        return new Contest(ElectedRole.ExecutiveMember, vacant,
            [.. ranked.Take(take), .. ranked.Skip(take).TakeWhile(id => first.Ballots.VotesFor(id) == lastVotes)]);
    }

    /// <summary>The posts still open after a round, each with its candidates not elected (等额: as many as its open seats).</summary>
    private static List<Contest> LeadershipContests(IReadOnlyList<Contest> voted, IReadOnlyList<ElectedCandidate> elected) =>
        voted.Select(c =>
            {
                var open = c.Seats - elected.Count(e => e.Role == c.Role && c.CandidateIds.Contains(e.CandidateId));
                return c with { Seats = open, CandidateIds = c.CandidateIds.Where(id => elected.All(e => e.CandidateId != id)).ToList() };
            })
            .Where(c => c.Seats > 0)
            .ToList();

    /// <summary>A further round's own nominees: 等额 for each open post, from the committee, none already elected to a post.</summary>
    private static Explanation? RenominationProblems(
        int round, LeadershipNomination nomination, IReadOnlyList<Contest> open, IReadOnlySet<string> committee, IReadOnlyList<ElectedCandidate> elected, CandidateSlate slate)
    {
        int Seats(ElectedRole role) => open.FirstOrDefault(c => c.Role == role)?.Seats ?? 0;
        var ids = nomination.ChairCandidateIds.Concat(nomination.ViceChairCandidateIds).ToList();
        var fine = nomination.ChairCandidateIds.Count == Seats(ElectedRole.Chair)
            && nomination.ViceChairCandidateIds.Count == Seats(ElectedRole.ViceChair)
            && ids.Distinct().Count() == ids.Count
            && ids.All(committee.Contains)
            && ids.All(id => elected.All(e => e.CandidateId != id));
        return fine ? null : new Explanation(
            ElectionCodes.RoundNominationInvalid,
            $"{RoundCount.Label(round)}的提名应等额：主席{Seats(ElectedRole.Chair)}名、副主席{Seats(ElectedRole.ViceChair)}名，从未担任主席、副主席的当选执委中提名，不得重复；"
            + $"提名的是主席{slate.NamesOf(nomination.ChairCandidateIds)}、副主席{slate.NamesOf(nomination.ViceChairCandidateIds)}。",
            $"Round {round} nominates as many as the open posts (chair {Seats(ElectedRole.Chair)}, vice-chairs {Seats(ElectedRole.ViceChair)}), "
            + "from elected executive members not already elected to a post, nobody twice.")
        { Subjects = ids };
    }

    private static Explanation Formed((string Chinese, string English) text) => new(ElectionCodes.Formed, text.Chinese, text.English);

    /// <summary>Too few elected: to be voted on again while a round remains, a failed election once none does.</summary>
    private static Explanation TooSmall(string code, bool roundRemains, string chinese, string english, Dictionary<string, int>? figures) => new(
        code,
        roundRemains ? $"{chinese}；同一次会议应就空缺名额另行选举。" : $"另行选举后，{chinese}；选举不成功，应重新选举。",
        roundRemains ? $"{english}; the same meeting is to vote again for the vacant seats." : $"After the further round, {english}: the election failed and is held again.")
    {
        Figures = figures ?? new Dictionary<string, int>(),
    };

    /// <summary>What remains open and why: the last round's candidates without a majority, those tied, or its want of a quorum.</summary>
    private static Explanation Vacancies(int seats, int elected, string chineseRole, string englishRole, CountedRound last, CandidateSlate slate)
    {
        var codes = last.Explanations.Select(e => e.Code).ToHashSet();
        var below = last.Explanations.Where(e => e.Code == ElectionCodes.BelowMajority).SelectMany(e => e.Subjects).ToList();
        var (why, whyEnglish) = codes.Contains(ElectionCodes.QuorumNotMet)
            ? ($"第{last.Number}轮到会人数不足，未能选举", $"round {last.Number} had no quorum")
            : (string.Join("；", new[]
                {
                    below.Count > 0 ? $"{slate.NamesOf(below)}得票未过半数" : null,
                    last.TiedCandidateIds.Count > 0 ? $"{slate.NamesOf(last.TiedCandidateIds)}在最后名额处得票相等" : null,
                }.OfType<string>()),
                string.Join("; ", new[]
                {
                    below.Count > 0 ? $"{slate.NamesOf(below, ", ")} without a majority" : null,
                    last.TiedCandidateIds.Count > 0 ? $"{slate.NamesOf(last.TiedCandidateIds, ", ")} tied at the last seat" : null,
                }.OfType<string>()));
        var roundWords = last.Number == 1 ? "" : "另行选举后，";
        return new Explanation(
            ElectionCodes.SeatsVacant,
            $"{roundWords}应选{chineseRole}{seats}名，当选{elected}名，{seats - elected}个名额空缺（{(why.Length == 0 ? "候选人不足" : why)}）。",
            $"{(last.Number == 1 ? "" : "After the further round, ")}{elected} of {seats} {englishRole} elected; {seats - elected} seat(s) open ({(whyEnglish.Length == 0 ? "too few candidates" : whyEnglish)}).")
        {
            Figures = new Dictionary<string, int> { ["seats"] = seats, ["elected"] = elected, ["vacant"] = seats - elected, ["round"] = last.Number },
            Subjects = [.. below, .. last.TiedCandidateIds],
        };
    }

    private static Explanation FurtherRound(IReadOnlyList<Contest> next, CountedRound first, CandidateSlate slate, int margin, bool optional)
    {
        var chinese = string.Join("；", next.Select(c =>
            $"{RoundCount.OfficeChinese(c.Role)}{c.Seats}个名额，候选人{c.CandidateIds.Count}名（{(c.Role == ElectedRole.ExecutiveMember ? $"按第一轮得票多少确定，差额{c.CandidateIds.Count - c.Seats}名" : "等额")}）："
            + RoundCount.VotesList(c.CandidateIds, first.Ballots, slate, chinese: true)));
        var english = string.Join("; ", next.Select(c =>
            $"{RoundCount.OfficeEnglish(c.Role).ToLowerInvariant()}: {c.Seats} seat(s), {c.CandidateIds.Count} candidate(s) by first-round votes: "
            + RoundCount.VotesList(c.CandidateIds, first.Ballots, slate, chinese: false)));
        return new Explanation(
            ElectionCodes.FurtherRound,
            $"{(optional ? "同一次会议可就空缺名额另行选举" : "同一次会议应就空缺名额另行选举")}，第一轮当选的继续有效：{chinese}。",
            $"The same meeting {(optional ? "may" : "is to")} vote again for the vacant seats; those elected stay elected: {english}.")
        {
            Figures = new Dictionary<string, int> { ["seats"] = next.Sum(c => c.Seats), ["candidates"] = next.Sum(c => c.CandidateIds.Count), ["margin"] = margin },
            Subjects = [.. next.SelectMany(c => c.CandidateIds)],
        };
    }
}
