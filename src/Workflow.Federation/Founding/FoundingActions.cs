using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Workflow.Engine;
using Workflow.Federation.Common;
using Workflow.Federation.Elections;
using Workflow.Federation.Invitations;
using Workflow.Federation.Registry;
using Workflow.Federation.ReElection;
using Workflow.Federation.Storage;

namespace Workflow.Federation.Founding;

/// <summary>
/// The founding workflow's C# steps. They run inside the engine's transition and write through its unit of work
/// (<see cref="ActionContext.UnitOfWork"/>), so a registration and the step that made it commit together or not at all.
/// </summary>
internal static class FoundingVariables
{
    public static Guid RequestId(ActionContext context) =>
        Guid.Parse(context.Variables["requestId"]?.GetValue<string>() ?? throw new InvalidOperationException("the founding workflow sets 'requestId' first"));
}

public sealed class CheckCandidatesAction(ElectionRules rules) : IActionHandler
{
    public string Name => "founding.checkCandidates";

    public async Task<ActionResult> ExecuteAsync(ActionContext context, CancellationToken cancellationToken)
    {
        await using var db = TransitionDatabase.Open(context.UnitOfWork);
        var row = await db.FoundingRequests.AsNoTracking().SingleAsync(r => r.Id == FoundingVariables.RequestId(context), cancellationToken);
        var slate = FoundingService.SlateOf(row);
        if (slate is null || row.CongressDate is not { } congress)
            return new ActionResult("invalid", new JsonObject { ["candidateProblems"] = new JsonArray("尚未提名候选人 / no candidates nominated") });
        var check = CandidateSlateCheck.Check(slate, rules, congress);
        // The list and its rules go into the journal with the step, so the request's history shows what was submitted.
        var nominations = Nominations(slate, rules);
        return check.IsAccepted
            ? ActionResult.Done(new JsonObject { ["candidateProblems"] = new JsonArray(), ["nominations"] = nominations })
            : new ActionResult("invalid", new JsonObject
            {
                ["candidateProblems"] = new JsonArray(check.Refusals.Select(r => (JsonNode)r.Chinese).ToArray()), ["nominations"] = nominations,
            });
    }

    private static string Nominations(CandidateSlate slate, ElectionRules rules) =>
        $"执委应选{slate.ExecutiveSeats}名，候选人{slate.ExecutiveCandidates.Count}名：{slate.NamesOf(slate.ExecutiveCandidates.Select(c => c.Id))}；"
        + $"主席候选人：{slate.NamesOf(slate.Leadership.ChairCandidateIds)}；副主席候选人：{slate.NamesOf(slate.Leadership.ViceChairCandidateIds)}。"
        + slate.ProcedureOr(rules).Describe(slate).Chinese;
}

public sealed class EvaluateElectionAction : IActionHandler
{
    public string Name => "founding.evaluateElection";

    public async Task<ActionResult> ExecuteAsync(ActionContext context, CancellationToken cancellationToken)
    {
        await using var db = TransitionDatabase.Open(context.UnitOfWork);
        var id = FoundingVariables.RequestId(context);
        var attempts = await db.ElectionAttempts.AsNoTracking().Where(a => a.RequestId == id).ToListAsync(cancellationToken);
        var congress = FoundingService.LatestValid(attempts, ElectionStage.Congress);
        var meeting = FoundingService.LatestValid(attempts, ElectionStage.FirstExecutiveMeeting);
        var valid = congress is not null && meeting is not null;
        var summary = new JsonObject
        {
            ["valid"] = valid,
            ["executives"] = congress?.Elected.Count ?? 0,
            ["chair"] = meeting?.Elected.FirstOrDefault(e => e.Role == ElectedRole.Chair)?.Name,
            ["why"] = valid ? null : congress is null ? "妇女大会尚未有效选出执委 / the congress has not validly elected the executives"
                : "第一次执委会议尚未有效选出主席、副主席 / the first executive meeting has not validly elected the chair and vice-chairs",
        };
        return new ActionResult(valid ? "valid" : "failed", new JsonObject { ["election"] = summary });
    }
}

/// <summary>Enters the body in the registry with its leadership and term; a retry finds it there and does nothing twice.</summary>
public sealed class RegisterAction : IActionHandler
{
    public string Name => "founding.register";

    public async Task<ActionResult> ExecuteAsync(ActionContext context, CancellationToken cancellationToken)
    {
        await using var db = TransitionDatabase.Open(context.UnitOfWork);
        var row = await db.FoundingRequests.Include(r => r.Members).SingleAsync(r => r.Id == FoundingVariables.RequestId(context), cancellationToken);
        if (row.BodyId is { } existing) return ActionResult.Done(new JsonObject { ["bodyId"] = existing.ToString() });

        var registration = context.Variables["registration"] as JsonObject ?? throw new InvalidOperationException("registration form missing");
        var founded = DateOnly.Parse(registration["foundingDate"]!.GetValue<string>(), CultureInfo.InvariantCulture);
        CheckFoundingDate(founded, row.CongressDate, ChinaInstant.Of(context.Now).LocalDate);
        var termEnd = ReElectionRules.TermEnd(founded);
        var body = new FederationBodyRow
        {
            Id = Guid.NewGuid(), Name = row.Name, Kind = row.Kind, Mode = row.Mode, Sector = row.Sector, RegionCode = row.RegionCode,
            Status = FederationBodyStatus.Founded, FoundedOn = founded, RegistrationNumber = registration["registrationNumber"]!.GetValue<string>().Trim(),
            TermEndsOn = termEnd, FoundingRequestId = row.Id,
        };
        body.Members.AddRange(row.Members.Select(m => new FederationBodyMemberRow { BodyId = body.Id, OrganizationId = m.OrganizationId }));
        // A member still in another body was let in only because the request said it leaves it (FoundingService.OpenAsync): it leaves now.
        var organizationIds = row.Members.Select(m => m.OrganizationId).ToList();
        db.BodyMembers.RemoveRange(await db.BodyMembers.Where(m => organizationIds.Contains(m.OrganizationId)).ToListAsync(cancellationToken));
        var elected = (await LeadersAsync(db, row, context, body.Id, founded, termEnd, cancellationToken)).ToList();
        body.Leaders.AddRange(elected.Select(x => x.Leader));
        db.Bodies.Add(body);
        db.LeaderInvitations.AddRange(LeaderInvitations.ForElected(body, elected, context.Now));
        row.BodyId = body.Id;
        await db.SaveChangesAsync(cancellationToken);
        return ActionResult.Done(new JsonObject { ["bodyId"] = body.Id.ToString() });
    }

    /// <summary>The registrar's decision is the registration: the body was founded on or before that day, and not before its congress.</summary>
    private static void CheckFoundingDate(DateOnly founded, DateOnly? congress, DateOnly registeredOn)
    {
        var reason = founded > registeredOn ? FoundingMessages.FoundedAfterRegistration(founded, registeredOn)
            : congress is { } held && founded < held ? FoundingMessages.FoundedBeforeCongress(founded, held)
            : null;
        if (reason is not null)
            throw new DecisionRefusedException(new FederationValidationException([new FieldProblem("form.foundingDate", reason)]));
    }

    private static async Task<IEnumerable<(BodyLeaderRow Leader, Candidate? Candidate)>> LeadersAsync(FederationDbContext db, FoundingRequestRow row, ActionContext context, Guid bodyId,
        DateOnly from, DateOnly until, CancellationToken cancellationToken)
    {
        if (row.IsMicroHome)
        {
            var head = context.Variables["appointHead"]?["headName"]?.GetValue<string>() ?? throw new InvalidOperationException("micro-home head missing");
            return [(new BodyLeaderRow { Id = Guid.NewGuid(), BodyId = bodyId, Name = head.Trim(), Role = LeaderRole.Head, Order = 0, TermStart = from, TermEnd = until }, null)];
        }
        return await ElectedLeaders.OfAsync(db, row, bodyId, from, until, cancellationToken);
    }
}
