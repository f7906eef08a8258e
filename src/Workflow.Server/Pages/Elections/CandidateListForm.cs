using System.Globalization;
using Workflow.Federation.Elections;
using Workflow.Federation.Founding;

namespace Workflow.Server.Pages.Elections;

/// <summary>What a candidate stands for: the executive committee only, or also chair or vice-chair at the first executive meeting.</summary>
public enum Nomination
{
    Executive,
    Chair,
    ViceChair,
}

/// <summary>
/// One candidate's row as the officer types it: the profile <see cref="CandidateInput"/> takes, and her nomination. Numbers
/// stay null while blank so the page names the missing field instead of sending a zero nobody entered.
/// </summary>
public sealed class CandidateForm
{
    public string Id { get; set; } = "";
    public string? Name { get; set; }
    public Gender Gender { get; set; } = Gender.Female;
    public int? BirthYear { get; set; }
    public PoliticalStatus PoliticalStatus { get; set; } = PoliticalStatus.Masses;
    public Education Education { get; set; } = Education.Bachelor;
    public string? Organization { get; set; }
    public string? Title { get; set; }
    public Nomination Nomination { get; set; }

    public CandidateInput ToInput() => new(Id, Name?.Trim() ?? "", Gender, Organization?.Trim() ?? "", Title?.Trim() ?? "", BirthYear ?? 0, PoliticalStatus, Education);
}

/// <summary>
/// The candidate list with its election rules (选举办法) as one form, carried whole through every post back, so rows are added,
/// changed and removed on the page before one <see cref="FoundingService.SetCandidatesAsync"/> stores the list, as the API does.
/// </summary>
public sealed class CandidateListForm
{
    public int? ExecutiveSeats { get; set; }
    public int? ViceChairSeats { get; set; }
    public DateOnly? CongressDate { get; set; }
    public Quorum? Quorum { get; set; }
    public List<CandidateForm> Candidates { get; set; } = [];

    /// <summary>The list as stored, to change it; a request without one starts with a single empty row.</summary>
    public static CandidateListForm For(CandidateSlate? slate, DateOnly? congressDate)
    {
        if (slate is null) return new CandidateListForm { CongressDate = congressDate }.WithBlankRow();
        return new CandidateListForm
        {
            ExecutiveSeats = slate.ExecutiveSeats, ViceChairSeats = slate.ViceChairSeats, CongressDate = congressDate, Quorum = slate.Procedure?.Quorum,
            Candidates = [.. slate.ExecutiveCandidates.Select(c => new CandidateForm
            {
                Id = c.Id, Name = c.Name, Gender = c.Gender, BirthYear = c.BirthYear, PoliticalStatus = c.PoliticalStatus, Education = c.Education,
                Organization = c.Organization, Title = c.Title,
                Nomination = slate.Leadership.ChairCandidateIds.Contains(c.Id) ? Nomination.Chair
                    : slate.Leadership.ViceChairCandidateIds.Contains(c.Id) ? Nomination.ViceChair : Nomination.Executive,
            })],
        };
    }

    /// <summary>A new empty row whose id (c1, c2, …) no row holds yet: votes are recorded against it later.</summary>
    public CandidateListForm WithBlankRow()
    {
        var taken = Candidates.Select(c => c.Id).ToHashSet(StringComparer.Ordinal);
        var number = Candidates.Count + 1;
        while (taken.Contains(IdOf(number))) number++;
        Candidates.Add(new CandidateForm { Id = IdOf(number) });
        return this;
    }

    public CandidatesInput ToInput() => new(
        ExecutiveSeats ?? 0, ViceChairSeats ?? 0, CongressDate ?? default,
        [.. Candidates.Select(c => c.ToInput())],
        [.. Nominated(Nomination.Chair)], [.. Nominated(Nomination.ViceChair)],
        new ProcedureInput(Quorum));

    private IEnumerable<string> Nominated(Nomination nomination) => Candidates.Where(c => c.Nomination == nomination).Select(c => c.Id);

    private static string IdOf(int number) => "c" + number.ToString(CultureInfo.InvariantCulture);
}
