using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Workflow.Engine.Execution;
using Workflow.Persistence.Instances;
using Workflow.Persistence.Runtime;
using Workflow.Server.Accounts;
using Workflow.Server.Idempotency;
using Workflow.Server.Problems;

namespace Workflow.Server.Engine;

public sealed record CancelRequest(string? Reason);

public static class InstancesApi
{
    public static IEndpointRouteBuilder MapInstancesApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/instances").WithTags("Instances").WithCommonProblems().RequireAuthorization();
        group.MapPost("/", Start).RequireAuthorization(Policies.Officer)
            .WithSummary("Start an instance in the caller's region; send Idempotency-Key so a retry never starts it twice").WithProblems(409, 422);
        group.MapGet("/", List).RequireAuthorization(Policies.Admin).WithSummary("List instances by status, definition or correlation id");
        group.MapGet("/{id:guid}", Get).WithSummary("An instance: status, variables, open bookmarks, incidents");
        group.MapGet("/{id:guid}/journal", Journal).WithSummary("Every transition: who, when, activity, outcome, input");
        group.MapGet("/{id:guid}/journal/verification", Verify).RequireAuthorization(Policies.Admin).WithSummary("Check the journal's hash chain");
        group.MapPost("/{id:guid}/cancel", Cancel).RequireAuthorization(Policies.Admin).WithSummary("Cancel an instance and close its bookmarks").WithProblems(409);

        var incidents = app.MapGroup("/api/incidents").WithTags("Instances").WithCommonProblems().RequireAuthorization(Policies.Admin);
        incidents.MapGet("/", Incidents).WithSummary("Faults that stopped an activity");
        incidents.MapPost("/{id:guid}/retry", Retry).WithSummary("Retry the failed step after its cause is fixed").WithProblems(409, 422);
        return app;
    }

    private static async Task<Created<StartedInstance>> Start(StartRequest request, [FromHeader(Name = IdempotencyStore.Header)] string? idempotencyKey,
        ClaimsPrincipal user, InstanceService instances, IdempotencyStore idempotency, HttpResponse response, CancellationToken cancellationToken)
    {
        var caller = Caller.From(user);
        var started = await idempotency.RunOnceAsync(caller.Id, idempotencyKey, request, () => instances.StartAsync(caller, request, cancellationToken), cancellationToken);
        if (started.Replayed) response.Headers["Idempotent-Replayed"] = "true";
        return TypedResults.Created($"/api/instances/{started.Value.InstanceId}", started.Value);
    }

    private static async Task<Ok<InstancePage>> List(InstanceService instances, CancellationToken cancellationToken,
        string? status = null, string? definitionId = null, string? correlationId = null, int page = 1, int pageSize = 20) =>
        TypedResults.Ok(await instances.ListAsync(ParseStatus(status), definitionId, correlationId, page, pageSize, cancellationToken));

    private static InstanceStatus? ParseStatus(string? status) =>
        status is null ? null
        : Enum.TryParse<InstanceStatus>(status, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed) ? parsed
        : throw ProblemException.Validation(("status", $"one of {string.Join(", ", Enum.GetNames<InstanceStatus>().Select(n => n.ToLowerInvariant()))}"));

    private static async Task<Ok<InstanceView>> Get(Guid id, ClaimsPrincipal user, InstanceService instances, CancellationToken cancellationToken) =>
        TypedResults.Ok(await instances.GetAsync(Caller.From(user), id, cancellationToken));

    private static async Task<Ok<IReadOnlyList<JournalEntry>>> Journal(Guid id, ClaimsPrincipal user, InstanceService instances, CancellationToken cancellationToken) =>
        TypedResults.Ok(await instances.JournalAsync(Caller.From(user), id, cancellationToken));

    private static async Task<Ok<JournalVerification>> Verify(Guid id, InstanceQueries queries, CancellationToken cancellationToken) =>
        TypedResults.Ok(await queries.VerifyJournalAsync(id, cancellationToken));

    private static async Task<Ok<TransitionResult>> Cancel(Guid id, CancelRequest request, ClaimsPrincipal user, WorkflowRuntime runtime, CancellationToken cancellationToken) =>
        TypedResults.Ok(await runtime.CancelAsync(id, Caller.From(user).UserName, request.Reason, cancellationToken));

    private static async Task<Ok<IReadOnlyList<IncidentView>>> Incidents(InstanceService instances, CancellationToken cancellationToken, bool open = true) =>
        TypedResults.Ok(await instances.IncidentsAsync(open, cancellationToken));

    private static async Task<Ok<TransitionResult>> Retry(Guid id, ClaimsPrincipal user, WorkflowRuntime runtime, CancellationToken cancellationToken) =>
        TypedResults.Ok(await runtime.RetryAsync(id, Caller.From(user).UserName, cancellationToken));
}
