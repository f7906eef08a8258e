using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Workflow.Engine;
using Workflow.Engine.Execution;
using Workflow.Federation.Classification;
using Workflow.Federation.Common;
using Workflow.Federation.Elections;
using Workflow.Federation.Kinds;
using Workflow.Federation.Registry;
using Workflow.Federation.Storage;
using Workflow.Engine.Definitions;
using Workflow.Persistence.Definitions;
using Workflow.Persistence.Instances;
using Workflow.Persistence.Runtime;
using Workflow.Federation.Regions;

namespace Workflow.Federation.Founding;

/// <summary>
/// Opens founding requests and keeps what their steps need outside the workflow's variables: the candidate slate
/// and every counted vote. The workflow (<c>workflows/founding.json</c>) decides the order of steps and who signs.
/// </summary>
public sealed class FoundingService(
    FederationWriter writer,
    WorkflowRuntime runtime,
    InstanceQueries instances,
    ClassificationService classification,
    ElectionRules rules,
    DefinitionStore definitions,
    TimeProvider clock)
{
    public const string WorkflowId = "founding";
    /// <summary>The election steps (<c>workflows/election.json</c>), a child workflow of founding and of re-election.</summary>
    public const string ElectionWorkflowId = "election";
    /// <summary>The step of <c>workflows/founding.json</c> where a returned request waits for its officer.</summary>
    public const string ReviseStep = "reviseRequest";
    internal static readonly JsonSerializerOptions Json = new(EngineJson.Options) { Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() } };

    public async Task<FoundingView> OpenAsync(Actor actor, OpenFounding request, CancellationToken cancellationToken = default)
    {
        var problems = new List<FieldProblem>();
        if (string.IsNullOrWhiteSpace(request.Name)) problems.Add(new("name", FoundingMessages.Required));
        else if (NameCheck.Problem("name", request.Name) is { } garbled) problems.Add(garbled);
        var ids = request.OrganizationIds?.Distinct().ToList() ?? [];
        if (ids.Count == 0) problems.Add(new("organizationIds", FoundingMessages.Required));
        if (request.Mode == FoundingMode.Joint && ids.Count < 2) problems.Add(new("organizationIds", FoundingMessages.JointNeedsSeveral));
        if (request.Mode != FoundingMode.Joint && ids.Count > 1) problems.Add(new("mode", FoundingMessages.SeveralNeedJoint));
        if (problems.Count > 0) throw new FederationValidationException(problems);

        await using var read = await writer.ReadAsync(cancellationToken);
        var organizations = await read.Organizations.AsNoTracking().Where(o => ids.Contains(o.Id)).ToListAsync(cancellationToken);
        foreach (var missing in ids.Where(id => organizations.All(o => o.Id != id))) throw NotFound.Organization(missing);
        var outside = organizations.FirstOrDefault(o => !actor.Covers(o.RegionCode));
        if (outside is not null) throw NotFound.Organization(outside.Id);
        var busy = await read.FoundingMembers.AsNoTracking().Where(m => ids.Contains(m.OrganizationId))
            .Join(read.FoundingRequests, m => m.RequestId, r => r.Id, (m, r) => r).Where(r => r.BodyId == null).Select(r => r.Id).ToListAsync(cancellationToken);
        foreach (var other in busy)
            if (await StatusAsync(await read.FoundingRequests.AsNoTracking().SingleAsync(r => r.Id == other, cancellationToken), cancellationToken) == "open")
                throw new FederationException(FederationError.Conflict, FoundingMessages.AlreadyOpen(other));

        // One body per organization: joining another means leaving the first, and the request must say so.
        var leaving = request.LeavesBodyIds ?? [];
        var inBodies = await read.BodyMembers.AsNoTracking().Where(m => ids.Contains(m.OrganizationId))
            .Join(read.Bodies.Where(b => b.Status == FederationBodyStatus.Founded), m => m.BodyId, b => b.Id, (m, b) => new { m.OrganizationId, b.Id, b.Name })
            .ToListAsync(cancellationToken);
        if (inBodies.FirstOrDefault(m => !leaving.Contains(m.Id)) is { } member)
            throw new FederationException(FederationError.Conflict, FoundingMessages.AlreadyInBody(organizations.Single(o => o.Id == member.OrganizationId).Name, member.Name, member.Id));

        // The recommendation is a starting point: officers may choose otherwise, but must say why (issue 4, step 1). It is the
        // wizard's recommendation, with neighbours and partners, so two neighbouring bases founding jointly follow it.
        var recommendations = await classification.ClassifyAllAsync(ids, cancellationToken);
        if (!RecommendationChoice.Follows(recommendations, request.Kind, request.Mode) && string.IsNullOrWhiteSpace(request.ModeReason))
            throw new FederationValidationException([new("modeReason", FoundingMessages.ReasonForMode(Recommended(recommendations)))]);

        var region = CommonRegion(organizations.Select(o => o.RegionCode).ToList());
        if (request.Kind == FederationKind.Township)
        {
            // A township federation is the township's or street's own (seed 003): its units lie in one township, which is its region.
            if (RegionCode.LevelOf(region) < RegionLevel.Township)
                throw new FederationValidationException([new("kind", FoundingMessages.TownshipOnlyInTownship(region))]);
            region = region[..9];
        }
        var row = new FoundingRequestRow
        {
            Id = Guid.NewGuid(), Name = request.Name.Trim(), Kind = request.Kind, Mode = request.Mode, ModeReason = request.ModeReason?.Trim(),
            Sector = organizations[0].Sector, RegionCode = region, CreatedBy = actor.UserName, CreatedAt = clock.GetUtcNow(),
        };
        row.Members.AddRange(ids.Select(id => new FoundingMemberRow { RequestId = row.Id, OrganizationId = id }));
        var input = new JsonObject
        {
            ["requestId"] = row.Id.ToString(), ["regionCode"] = region, ["name"] = row.Name, ["kind"] = row.Kind.ToString(),
            ["mode"] = row.Mode.ToString(), ["microHome"] = row.IsMicroHome,
            ["organizations"] = new JsonArray(ids.Select(id => (JsonNode)id.ToString()).ToArray()),
        };
        // One unit of work: the request and its instance commit together, so no crash leaves a draft without its workflow.
        await runtime.StartAsync(WorkflowId, input, CorrelationOf(row.Id), actor.UserName, async (instanceId, unitOfWork, ct) =>
        {
            row.InstanceId = instanceId;
            await using var db = TransitionDatabase.Open(unitOfWork);
            db.FoundingRequests.Add(row);
            await db.SaveChangesAsync(ct);
        }, cancellationToken: cancellationToken);
        return await GetAsync(actor, row.Id, cancellationToken);
    }

    public async Task<FoundingView> GetAsync(Actor actor, Guid id, CancellationToken cancellationToken = default)
    {
        await using var db = await writer.ReadAsync(cancellationToken);
        var row = await db.FoundingRequests.AsNoTracking().Include(r => r.Members).SingleOrDefaultAsync(r => r.Id == id, cancellationToken);
        if (row is null || !actor.Covers(row.RegionCode)) throw FoundingMessages.NotFound(id);
        var attempts = await db.ElectionAttempts.AsNoTracking().Where(a => a.RequestId == id).OrderBy(a => a.RecordedAt).ToListAsync(cancellationToken);
        return await ViewAsync(row, attempts, cancellationToken);
    }

    public async Task<IReadOnlyList<FoundingView>> ListAsync(Actor actor, CancellationToken cancellationToken = default)
    {
        await using var db = await writer.ReadAsync(cancellationToken);
        // A body's re-election request (换届) is kept with the foundings for its election steps, but it founds nothing: it is not listed.
        var foundings = db.FoundingRequests.AsNoTracking().Include(r => r.Members)
            .Where(r => r.BodyId == null || db.Bodies.Any(b => b.Id == r.BodyId && b.FoundingRequestId == r.Id));
        var rows = await actor.Reach(foundings, r => r.RegionCode).OrderByDescending(r => r.CreatedAt).Take(500).ToListAsync(cancellationToken);
        // One read of every listed instance's progress, not one per row.
        var progress = await instances.ProgressAsync([.. rows.Where(r => r.InstanceId is not null).Select(r => r.InstanceId!.Value)], cancellationToken);
        return [.. rows.Select(row => View(row, [], row.InstanceId is { } id && progress.TryGetValue(id, out var p) ? p : null))];
    }

    /// <summary>
    /// Corrects a returned request while it waits for revision: its name and the reason for its mode. Kind and mode stay,
    /// since they chose the workflow's path; a request that needs another path is withdrawn and opened anew.
    /// </summary>
    public async Task<FoundingView> ReviseAsync(Actor actor, Guid id, string name, string? modeReason, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(name)) throw new FederationValidationException([new("name", FoundingMessages.Required)]);
        if (NameCheck.Problem("name", name) is { } garbled) throw new FederationValidationException([garbled]);
        await FindOpenAtAsync(actor, id, ReviseStep, cancellationToken);
        await writer.WriteAsync(async db =>
        {
            var stored = await db.FoundingRequests.SingleAsync(r => r.Id == id, cancellationToken);
            stored.Name = name.Trim();
            if (modeReason is not null) stored.ModeReason = string.IsNullOrWhiteSpace(modeReason) ? stored.ModeReason : modeReason.Trim();
            return 0;
        }, cancellationToken);
        return await GetAsync(actor, id, cancellationToken);
    }

    /// <summary>Nominations are set while the request waits at preparation; the party organization and the superior federation then review them.</summary>
    public async Task<FoundingView> SetCandidatesAsync(Actor actor, Guid id, CandidatesInput input, CancellationToken cancellationToken = default)
    {
        var candidates = input.ExecutiveCandidates ?? [];
        NameCheck.Require([.. candidates.SelectMany((c, i) => new[]
        {
            ($"executiveCandidates[{i}].name", (string?)c.Name), ($"executiveCandidates[{i}].organization", c.Organization),
        })]);
        var row = await FindOpenAtAsync(actor, id, "prepare", cancellationToken);
        var slate = new CandidateSlate(row.Kind, input.ExecutiveSeats, input.ViceChairSeats,
            candidates.Select(c => c.ToCandidate()).ToList(),
            new LeadershipNomination(input.ChairCandidateIds ?? [], input.ViceChairCandidateIds ?? []),
            (input.Procedure ?? new ProcedureInput()).With(rules.DefaultProcedure));
        var check = CandidateSlateCheck.Check(slate, rules, input.CongressDate);
        if (!check.IsAccepted) throw new FoundingRefusedException(check.Refusals);
        await writer.WriteAsync(async db =>
        {
            var stored = await db.FoundingRequests.SingleAsync(r => r.Id == id, cancellationToken);
            stored.Slate = JsonSerializer.Serialize(slate, Json);
            stored.CongressDate = input.CongressDate;
            return 0;
        }, cancellationToken);
        return await GetAsync(actor, id, cancellationToken);
    }

    /// <summary>Counts one meeting's rounds by the request's election rules and keeps them; a record that does not add up is refused and not kept.</summary>
    public async Task<ElectionAttemptView> RecordElectionAsync(Actor actor, Guid id, ElectionInput input, CancellationToken cancellationToken = default)
    {
        var row = await FindOpenAtAsync(actor, id, "election", cancellationToken);
        if (row.CongressDate is { } congress && congress > ChinaInstant.Of(clock.GetUtcNow()).LocalDate)
            throw new FederationException(FederationError.Refused, FoundingMessages.CongressNotYetHeld(congress));
        var (outcome, attempts) = await CountAsync(row, input, cancellationToken);
        if (outcome.Status == ElectionStatus.RecordRejected) throw new FoundingRefusedException(outcome.Explanations);
        var attempt = new ElectionAttemptRow
        {
            Id = Guid.NewGuid(), RequestId = id, Stage = input.Stage, Number = NextNumber(attempts, input.Stage),
            Record = JsonSerializer.Serialize(input, Json), Outcome = JsonSerializer.Serialize(outcome, Json), Status = outcome.Status,
            RecordedBy = actor.UserName, RecordedAt = clock.GetUtcNow(),
        };
        await writer.WriteAsync(db =>
        {
            db.ElectionAttempts.Add(attempt);
            return Task.FromResult(0);
        }, cancellationToken);
        return View(attempt);
    }

    /// <summary>
    /// Counts rounds as <see cref="RecordElectionAsync"/> would and keeps nothing, so a page can show the result, the next
    /// round's candidates and every explanation while the officer types. A record that does not add up comes back explained.
    /// </summary>
    public async Task<ElectionAttemptView> PreviewElectionAsync(Actor actor, Guid id, ElectionInput input, CancellationToken cancellationToken = default)
    {
        var row = await FindAsync(actor, id, cancellationToken);
        var (outcome, attempts) = await CountAsync(row, input, cancellationToken);
        return ElectionAttemptView.Of(outcome, NextNumber(attempts, input.Stage), null, null);
    }

    private async Task<(ElectionOutcome Outcome, List<ElectionAttemptRow> Attempts)> CountAsync(FoundingRequestRow row, ElectionInput input, CancellationToken cancellationToken)
    {
        var slate = SlateOf(row) ?? throw new FederationException(FederationError.Refused, FoundingMessages.NoSlate);
        await using var read = await writer.ReadAsync(cancellationToken);
        var attempts = await read.ElectionAttempts.AsNoTracking().Where(a => a.RequestId == row.Id).OrderBy(a => a.RecordedAt).ToListAsync(cancellationToken);
        var rounds = (input.Rounds ?? []).Select(r => r.ToRecord()).ToList();
        var outcome = input.Stage == ElectionStage.Congress
            ? ElectionCount.CountCongress(slate, rules, rounds)
            : ElectionCount.CountExecutiveMeeting(slate, rules, LatestValid(attempts, ElectionStage.Congress) ?? NoCongress, rounds);
        return (outcome, attempts);
    }

    private static int NextNumber(IEnumerable<ElectionAttemptRow> attempts, ElectionStage stage) => attempts.Count(a => a.Stage == stage) + 1;

    internal static CandidateSlate? SlateOf(FoundingRequestRow row) => row.Slate is null ? null : JsonSerializer.Deserialize<CandidateSlate>(row.Slate, Json);

    internal static ElectionOutcome? LatestValid(IEnumerable<ElectionAttemptRow> attempts, ElectionStage stage)
    {
        var latest = attempts.Where(a => a.Stage == stage).MaxBy(a => a.Number);
        return latest is { Status: ElectionStatus.Valid } ? JsonSerializer.Deserialize<ElectionOutcome>(latest.Outcome, Json) : null;
    }

    internal static string CorrelationOf(Guid requestId) => $"founding:{requestId}";

    private static readonly ElectionOutcome NoCongress = new(ElectionStage.Congress, ElectionStatus.Failed, [], 0, []);

    private async Task<FoundingRequestRow> FindAsync(Actor actor, Guid id, CancellationToken cancellationToken)
    {
        await using var db = await writer.ReadAsync(cancellationToken);
        var row = await db.FoundingRequests.AsNoTracking().SingleOrDefaultAsync(r => r.Id == id, cancellationToken);
        return row is null || !actor.Covers(row.RegionCode) ? throw FoundingMessages.NotFound(id) : row;
    }

    private async Task<FoundingRequestRow> FindOpenAtAsync(Actor actor, Guid id, string activity, CancellationToken cancellationToken)
    {
        var row = await FindAsync(actor, id, cancellationToken);
        if (row.InstanceId is not { } instanceId)
            throw new FederationException(FederationError.Conflict, FoundingMessages.NotAt((await TitlesAsync([], cancellationToken))(activity), [], "draft"));
        var family = await instances.FamilyAsync(instanceId, cancellationToken);
        if (Waiting(family).Contains(activity)) return row;
        var title = await TitlesAsync(family, cancellationToken);
        var root = family.First(i => i.Id == instanceId);
        throw new FederationException(FederationError.Conflict, FoundingMessages.NotAt(title(activity),
            [.. family.SelectMany(i => i.Bookmarks).Where(b => b.Kind == BookmarkKind.UserTask).Select(b => title(b.ActivityId)).Distinct()], StatusOf(root.Status, root.Result)));
    }

    /// <summary>
    /// Names steps by their titles, as the inbox shows them, not by their ids: from the definitions the request runs (the latest
    /// founding one before it is submitted), a step may lie in the election child.
    /// </summary>
    private async Task<Func<string, string>> TitlesAsync(IReadOnlyList<InstanceView> family, CancellationToken cancellationToken)
    {
        // The election's titles first: re-election names its own scheduling task "prepare" too.
        var steps = new List<WorkflowDefinition> { await definitions.GetAsync(ElectionWorkflowId, cancellationToken: cancellationToken) };
        foreach (var instance in family) steps.Add(await definitions.GetAsync(instance.DefinitionId, instance.DefinitionVersion, cancellationToken));
        if (family.Count == 0) steps.Add(await definitions.GetAsync(WorkflowId, cancellationToken: cancellationToken));
        return id => steps.Select(d => d.TryGetActivity(id, out var a) ? a : null).OfType<UserTaskActivity>().FirstOrDefault()?.Title is { Length: > 0 } title ? title : id;
    }

    /// <summary>The steps a request waits at: its founding's and, while the election runs, the election child's (not the call that holds it).</summary>
    private static List<string> Waiting(IEnumerable<InstanceView> family) =>
        [.. family.SelectMany(i => i.Bookmarks).Where(b => b.Kind != BookmarkKind.ChildWorkflow).Select(b => b.ActivityId)];

    private async Task<string> StatusAsync(FoundingRequestRow row, CancellationToken cancellationToken)
    {
        if (row.InstanceId is not { } instanceId) return "draft";
        var instance = await instances.GetAsync(instanceId, cancellationToken);
        return StatusOf(instance.Status, instance.Result);
    }

    private static string StatusOf(InstanceStatus status, string? result) => status switch
    {
        InstanceStatus.Finished => result ?? "finished",
        InstanceStatus.Cancelled => "cancelled",
        InstanceStatus.Faulted => "faulted",
        _ => "open",
    };

    private async Task<FoundingView> ViewAsync(FoundingRequestRow row, IReadOnlyList<ElectionAttemptRow> attempts, CancellationToken cancellationToken)
    {
        InstanceProgress? progress = null;
        if (row.InstanceId is { } instanceId)
        {
            var family = await instances.FamilyAsync(instanceId, cancellationToken);
            var root = family.First(i => i.Id == instanceId);
            progress = new InstanceProgress(root.Status, root.Result, Waiting(family));
        }
        return View(row, attempts, progress);
    }

    private static FoundingView View(FoundingRequestRow row, IReadOnlyList<ElectionAttemptRow> attempts, InstanceProgress? progress) =>
        new(row.Id, row.InstanceId, row.Name, row.Kind, row.Mode, row.ModeReason, row.Sector, row.RegionCode,
            row.Members.Select(m => m.OrganizationId).ToList(), progress is null ? "draft" : StatusOf(progress.Status, progress.Result), progress?.WaitingAt ?? [],
            SlateOf(row), attempts.Select(View).ToList(), row.BodyId, row.CreatedBy, row.CreatedAt, row.CongressDate);

    private static ElectionAttemptView View(ElectionAttemptRow a)
    {
        var outcome = JsonSerializer.Deserialize<ElectionOutcome>(a.Outcome, Json)!;
        return ElectionAttemptView.Of(outcome, a.Number, a.RecordedBy, a.RecordedAt);
    }

    private static List<(FederationKind, FoundingMode)> Recommended(IEnumerable<Recommendation> recommendations) =>
        [.. recommendations.Where(r => r is { Mode: not null, Kind: not null }).Select(r => (r.Kind!.Value, r.Mode!.Value)).Distinct()];

    /// <summary>A joint founding spans neighbours: the request belongs to the smallest region holding them all.</summary>
    private static string CommonRegion(List<string> codes)
    {
        var common = codes[0];
        foreach (var code in codes.Skip(1))
            while (common.Length > 0 && !RegionCode.Covers(common, code)) common = RegionCode.ParentOf(common) ?? "";
        return common.Length == 0 ? codes[0][..6] : common;
    }
}
