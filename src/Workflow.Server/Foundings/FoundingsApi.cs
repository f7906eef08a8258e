using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Workflow.Federation.Common;
using Workflow.Federation.Coverage;
using Workflow.Federation.Founding;
using Workflow.Federation.Kinds;
using Workflow.Federation.Registry;
using Workflow.Server.Accounts;
using Workflow.Server.Idempotency;
using Workflow.Server.Ledger;
using Workflow.Server.Problems;

namespace Workflow.Server.Foundings;

public sealed record TargetRequest([Present] string RegionCode, [Range(2000, 2100)] int Year, [Range(0, int.MaxValue)] int Bodies, [Range(0, int.MaxValue)] int MicroHomes);

/// <summary>Founding requests (their steps are tasks in the inbox), the registry of founded bodies, and coverage against targets.</summary>
public static class FoundingsApi
{
    public static IEndpointRouteBuilder MapFoundingsApi(this IEndpointRouteBuilder app)
    {
        var foundings = app.MapGroup("/api/foundings").WithTags("Founding").WithCommonProblems().RequireAuthorization();
        foundings.MapPost("/", Open).RequireAuthorization(Policies.Officer).WithProblems(409, 422)
            .WithSummary("Open a founding request for one organization, or several for a joint founding; send Idempotency-Key");
        foundings.MapGet("/", List).WithSummary("Founding requests in the caller's region");
        foundings.MapGet("/{id:guid}", Get).WithSummary("A request: status, the step it waits at, candidates, every counted vote");
        foundings.MapPut("/{id:guid}/candidates", SetCandidates).RequireAuthorization(Policies.Officer).WithProblems(409, 422)
            .WithSummary("Nominate executive, chair and vice-chair candidates while the request is in preparation");
        foundings.MapPost("/{id:guid}/elections", RecordElection).RequireAuthorization(Policies.Officer).WithProblems(409, 422)
            .WithSummary("Record a meeting's vote (congress or first executive meeting) in rounds; counted by the request's election rules, explained round by round");
        foundings.MapPost("/{id:guid}/elections/preview", PreviewElection).RequireAuthorization(Policies.Officer).WithProblems(422)
            .WithSummary("Count rounds without recording them: the result, the further round's candidates and every explanation, as the officer types");
        foundings.MapGet("/{id:guid}/history", History).WithSummary("The request's decisions, candidate lists with their election rules, and every round of voting, oldest first");

        var bodies = app.MapGroup("/api/bodies").WithTags("Registry").WithCommonProblems().RequireAuthorization();
        bodies.MapGet("/", Bodies).WithSummary("Founded bodies and micro-homes in the caller's region, a screen at a time (size ≤ 200): pass the answer's next as after");
        bodies.MapGet("/{id:guid}", Body).WithSummary("A body with its member organizations and leadership");

        var coverage = app.MapGroup("/api/coverage").WithTags("Coverage").WithCommonProblems().RequireAuthorization();
        coverage.MapGet("/", Coverage).WithSummary("Coverage per region and sector, rolled up the region tree, against the year's targets");
        coverage.MapGet("/targets", Targets).WithSummary("Targets per region and year");
        coverage.MapPut("/targets", SetTarget).RequireAuthorization(Policies.Officer).WithSummary("Set a region's target for a year");
        return app;
    }

    private static async Task<Created<FoundingView>> Open(OpenFounding request, [FromHeader(Name = IdempotencyStore.Header)] string? idempotencyKey,
        ClaimsPrincipal user, FoundingService foundings, IdempotencyStore idempotency, HttpResponse response, CancellationToken cancellationToken)
    {
        var caller = Caller.From(user);
        var opened = await idempotency.RunOnceAsync(caller.Id, idempotencyKey, request, () => foundings.OpenAsync(Scope.Actor(caller), request, cancellationToken), cancellationToken);
        if (opened.Replayed) response.Headers["Idempotent-Replayed"] = "true";
        return TypedResults.Created($"/api/foundings/{opened.Value.Id}", opened.Value);
    }

    private static async Task<Ok<IReadOnlyList<FoundingView>>> List(ClaimsPrincipal user, FoundingService foundings, CancellationToken cancellationToken) =>
        TypedResults.Ok(await foundings.ListAsync(Scope.Actor(Caller.From(user)), cancellationToken));

    private static async Task<Ok<FoundingView>> Get(Guid id, ClaimsPrincipal user, FoundingService foundings, CancellationToken cancellationToken) =>
        TypedResults.Ok(await foundings.GetAsync(Scope.Actor(Caller.From(user)), id, cancellationToken));

    private static async Task<Ok<FoundingView>> SetCandidates(Guid id, CandidatesInput request, ClaimsPrincipal user, FoundingService foundings, CancellationToken cancellationToken) =>
        TypedResults.Ok(await foundings.SetCandidatesAsync(Scope.Actor(Caller.From(user)), id, request, cancellationToken));

    private static async Task<Ok<ElectionAttemptView>> RecordElection(Guid id, ElectionInput request, ClaimsPrincipal user, FoundingService foundings, CancellationToken cancellationToken) =>
        TypedResults.Ok(await foundings.RecordElectionAsync(Scope.Actor(Caller.From(user)), id, request, cancellationToken));

    private static async Task<Ok<ElectionAttemptView>> PreviewElection(Guid id, ElectionInput request, ClaimsPrincipal user, FoundingService foundings, CancellationToken cancellationToken) =>
        TypedResults.Ok(await foundings.PreviewElectionAsync(Scope.Actor(Caller.From(user)), id, request, cancellationToken));

    private static async Task<Ok<IReadOnlyList<BodyEvent>>> History(Guid id, ClaimsPrincipal user, FoundingHistory history, CancellationToken cancellationToken) =>
        TypedResults.Ok(await history.GetAsync(Scope.Actor(Caller.From(user)), id, cancellationToken));

    private static async Task<Ok<BodySlice>> Bodies(ClaimsPrincipal user, RegistryService registry, CancellationToken cancellationToken,
        string? region = null, FederationKind? kind = null, string? after = null, int size = 50) =>
        TypedResults.Ok(await registry.SliceAsync(Scope.Of(Caller.From(user), region).Value, kind, after, size, cancellationToken));

    private static async Task<Ok<FederationBody>> Body(Guid id, ClaimsPrincipal user, RegistryService registry, CancellationToken cancellationToken)
    {
        var body = await registry.GetAsync(id, cancellationToken);
        Scope.Check(Caller.From(user), body.RegionCode, "body", id);
        return TypedResults.Ok(body);
    }

    private static async Task<Ok<CoverageNode>> Coverage(ClaimsPrincipal user, CoverageService coverage, TimeProvider clock, CancellationToken cancellationToken,
        string? region = null, int? year = null) =>
        TypedResults.Ok(await coverage.GetCoverageAsync(Scope.Of(Caller.From(user), region), year ?? ChinaYear(clock), cancellationToken));

    private static async Task<Ok<IReadOnlyList<CoverageTarget>>> Targets(ClaimsPrincipal user, CoverageService coverage, CancellationToken cancellationToken, string? region = null) =>
        TypedResults.Ok(await coverage.ListTargetsAsync(Scope.Of(Caller.From(user), region), cancellationToken));

    private static async Task<Ok<CoverageTarget>> SetTarget(TargetRequest request, ClaimsPrincipal user, CoverageService coverage, CancellationToken cancellationToken)
    {
        var caller = Caller.From(user);
        return TypedResults.Ok(await coverage.SetTargetAsync(Scope.Of(caller, request.RegionCode), request.Year, request.Bodies, request.MicroHomes, caller.UserName, cancellationToken));
    }

    private static int ChinaYear(TimeProvider clock) => TimeZoneInfo.ConvertTime(clock.GetUtcNow(), TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai")).Year;
}
