using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Workflow.Federation.Common;
using Workflow.Federation.Elections;
using Workflow.Federation.Founding;
using Workflow.Server.Accounts;
using Workflow.Server.Ledger;
using Workflow.Server.Pages.Site;

namespace Workflow.Server.Pages.Elections;

/// <summary>
/// A founding request's election: the candidate list with its profiles (entered, changed and removed here while the request is
/// in preparation, then stored through <see cref="FoundingService.SetCandidatesAsync"/>), the election rules as sentences, and the record of
/// one meeting's rounds. "计算结果" counts through <see cref="FoundingService.PreviewElectionAsync"/> and keeps nothing; the
/// further round is the result's <c>nextRound</c>; recording is <see cref="FoundingService.RecordElectionAsync"/>, the API's path.
/// </summary>
[Authorize(Policy = Policies.Officer)]
public sealed partial class ElectionModel(FoundingService foundings, ElectionRules rules) : PageModel
{
    /// <summary>The workflow step (<c>workflows/founding.json</c>) at which a request's votes are recorded.</summary>
    public const string ElectionStep = "election";

    /// <summary>The step at which the preparatory group drafts the candidate list.</summary>
    public const string PrepareStep = "prepare";

    [BindProperty(SupportsGet = true)] public ElectionStage Stage { get; set; } = ElectionStage.Congress;
    [BindProperty] public List<RoundForm> Rounds { get; set; } = [];
    [BindProperty] public CandidateListForm List { get; set; } = new();

    public FoundingView Founding { get; private set; } = null!;
    public CandidateSlate? Slate => Founding.Slate;
    public ElectionProcedure Procedure => Slate?.ProcedureOr(rules) ?? rules.DefaultProcedure;
    public ElectionAttemptView? Result { get; private set; }
    public bool MayRecord => Founding.WaitingAt.Contains(ElectionStep);
    public bool MayNominate => Founding.WaitingAt.Contains(PrepareStep);
    /// <summary>Why the service refused the list, each reason with the candidates it names.</summary>
    public IReadOnlyList<Explanation> ListRefusals { get; private set; } = [];
    public bool MayAddRound => Result is { NextRound.Count: > 0 } && Rounds.Count < ElectionProcedure.MaxRounds;
    public Dictionary<string, string> Errors { get; private set; } = new(StringComparer.OrdinalIgnoreCase);

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        if (await LoadAsync(id, cancellationToken) is { } refused) return refused;
        if (Slate is { } slate) Rounds = [RoundForm.For(RoundForm.FirstRoundCandidates(slate, Stage))];
        List = CandidateListForm.For(Slate, Founding.CongressDate);
        return Page();
    }

    public async Task<IActionResult> OnPostAddCandidateAsync(Guid id, CancellationToken cancellationToken) =>
        await LoadAsync(id, cancellationToken) ?? Editing(List.WithBlankRow());

    /// <summary>Takes one row out of the list being drafted; nothing is stored until the list is saved.</summary>
    public async Task<IActionResult> OnPostRemoveCandidateAsync(Guid id, int remove, CancellationToken cancellationToken)
    {
        if (await LoadAsync(id, cancellationToken) is { } refused) return refused;
        if (remove >= 0 && remove < List.Candidates.Count) List.Candidates.RemoveAt(remove);
        if (List.Candidates.Count == 0) List.WithBlankRow();
        return Editing(List);
    }

    public async Task<IActionResult> OnPostSaveCandidatesAsync(Guid id, CancellationToken cancellationToken)
    {
        if (await LoadAsync(id, cancellationToken) is { } refused) return refused;
        if (!MayNominate) return Refuse(StatusCodes.Status409Conflict, Text.CandidatesNotNow);
        if (CheckList() is { } incomplete) return incomplete;
        try
        {
            await foundings.SetCandidatesAsync(Scope.Actor(Caller.From(User)), id, List.ToInput(), cancellationToken);
            TempData["Notice"] = Text.CandidatesSaved.Format(List.Candidates.Count);
            return LocalRedirect($"/foundings/{id}/election");
        }
        catch (RuleRefusedException refusal)
        {
            ListRefusals = refusal.Explanations;
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        catch (FederationValidationException invalid)
        {
            // The service names fields as the API does (executiveCandidates[0].name); the form's own names are ours.
            foreach (var (field, reason) in Refusals.Fields(invalid)) Errors[CandidateField(field)] = reason;
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        catch (FederationException failure) when (failure.Error is FederationError.Conflict or FederationError.Refused)
        {
            return Refuse(StatusCodes.Status409Conflict, Refusals.Say(failure.Reason));
        }
    }

    public async Task<IActionResult> OnPostPreviewAsync(Guid id, CancellationToken cancellationToken) =>
        await LoadAsync(id, cancellationToken) ?? await CountAsync(cancellationToken) ?? Page();

    /// <summary>另行选举: the result's vacant seats become the next round, its candidates those the count proposed.</summary>
    public async Task<IActionResult> OnPostNextRoundAsync(Guid id, CancellationToken cancellationToken)
    {
        if ((await LoadAsync(id, cancellationToken) ?? await CountAsync(cancellationToken)) is { } stopped) return stopped;
        if (MayAddRound) Rounds.Add(RoundForm.For(Result!.NextRound.SelectMany(c => c.CandidateIds), Rounds[^1].Due));
        return Page();
    }

    public async Task<IActionResult> OnPostRecordAsync(Guid id, CancellationToken cancellationToken)
    {
        if (await LoadAsync(id, cancellationToken) is { } refused) return refused;
        if (!MayRecord) return Refuse(StatusCodes.Status409Conflict, Text.ElectionNotNow);
        if (Check() is { } invalid) return invalid;
        try
        {
            var recorded = await foundings.RecordElectionAsync(Scope.Actor(Caller.From(User)), id, Input, cancellationToken);
            TempData["Notice"] = ElectionWords.Attempt(recorded);
            return LocalRedirect($"/foundings/{id}/election?stage={Stage}");
        }
        catch (FoundingRefusedException)
        {
            // The record does not add up: the count shows why beside the figures, as the preview would have.
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return await CountAsync(cancellationToken) ?? Page();
        }
        catch (FederationException failure) when (failure.Error is FederationError.Conflict or FederationError.Refused)
        {
            return Refuse(StatusCodes.Status409Conflict, Refusals.Say(failure.Reason));
        }
    }

    public string? ErrorFor(string field) => Errors.TryGetValue(field, out var error) ? error : null;

    public static string FieldName(int round, string figure) => $"Rounds[{round}].{figure}";

    public static string VoteName(int round, string candidate) => $"Rounds[{round}].Votes[{candidate}]";

    public static string ListName(string field) => $"List.{field}";

    public static string CandidateName(int row, string field) => $"List.Candidates[{row}].{field}";

    /// <summary>The reasons of the list's refusal that name this candidate.</summary>
    public IEnumerable<Explanation> RefusalsAbout(string candidateId) => ListRefusals.Where(r => r.Subjects.Contains(candidateId));

    private ElectionInput Input => new(Stage, [.. Rounds.Select(r => r.ToInput())]);

    private async Task<IActionResult?> CountAsync(CancellationToken cancellationToken)
    {
        if (Check() is { } invalid) return invalid;
        try
        {
            Result = await foundings.PreviewElectionAsync(Scope.Actor(Caller.From(User)), Founding.Id, Input, cancellationToken);
            return null;
        }
        catch (FederationException failure) when (failure.Error is FederationError.Refused or FederationError.Conflict)
        {
            return Refuse(StatusCodes.Status409Conflict, Refusals.Say(failure.Reason));
        }
    }

    /// <summary>Every figure entered and none negative; the rules of the count itself are the service's.</summary>
    private PageResult? Check()
    {
        if (Rounds.Count is 0 or > ElectionProcedure.MaxRounds) Errors[""] = Text.ElectionRoundsMissing;
        for (var i = 0; i < Rounds.Count; i++)
        {
            foreach (var figure in RoundForm.Figures)
                if (Rounds[i].Figure(figure) is not >= 0) Errors[FieldName(i, figure)] = Text.WholeNumberNeeded;
            foreach (var (candidate, votes) in Rounds[i].Votes)
                if (votes < 0 || ModelState[VoteName(i, candidate)]?.Errors.Count > 0) Errors[VoteName(i, candidate)] = Text.WholeNumberNeeded;
        }
        if (Errors.Count == 0) return null;
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    /// <summary>The list's own figures entered; what makes a list acceptable is the service's to say.</summary>
    private PageResult? CheckList()
    {
        if (List.ExecutiveSeats is not >= 0) Errors[ListName(nameof(CandidateListForm.ExecutiveSeats))] = Text.WholeNumberNeeded;
        if (List.ViceChairSeats is not >= 0) Errors[ListName(nameof(CandidateListForm.ViceChairSeats))] = Text.WholeNumberNeeded;
        if (List.CongressDate is null) Errors[ListName(nameof(CandidateListForm.CongressDate))] = Text.DateNeeded;
        for (var i = 0; i < List.Candidates.Count; i++)
            if (List.Candidates[i].BirthYear is not (> 1900 and < 2100)) Errors[CandidateName(i, nameof(CandidateForm.BirthYear))] = Text.BirthYearNeeded;
        if (Errors.Count == 0) return null;
        return Editing(List, StatusCodes.Status400BadRequest);
    }

    private PageResult Editing(CandidateListForm list, int status = StatusCodes.Status200OK)
    {
        List = list;
        Response.StatusCode = status;
        return Page();
    }

    /// <summary><c>executiveCandidates[2].name</c> → <c>List.Candidates[2].Name</c>; anything else stays with the list as a whole.</summary>
    private static string CandidateField(string field)
    {
        var match = ServiceCandidateField().Match(field);
        return match.Success
            ? CandidateName(int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture), char.ToUpperInvariant(match.Groups[2].Value[0]) + match.Groups[2].Value[1..])
            : "";
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"^executiveCandidates\[(\d+)\]\.(\w+)$")]
    private static partial System.Text.RegularExpressions.Regex ServiceCandidateField();

    private PageResult Refuse(int status, string reason)
    {
        Errors[""] = reason;
        Response.StatusCode = status;
        return Page();
    }

    private async Task<IActionResult?> LoadAsync(Guid id, CancellationToken cancellationToken)
    {
        try
        {
            Founding = await foundings.GetAsync(Scope.Actor(Caller.From(User)), id, cancellationToken);
            return null;
        }
        catch (FederationException failure) when (failure.Error == FederationError.NotFound)
        {
            return NotFound();
        }
    }
}
