using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Workflow.Server.Accounts;
using Workflow.Server.Problems;

namespace Workflow.Server.Tasks;

public static class TasksApi
{
    public static IEndpointRouteBuilder MapTasksApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/tasks").WithTags("Tasks").WithCommonProblems().RequireAuthorization();
        group.MapGet("/", List).WithSummary("Open tasks the caller may act on (role, approver kind, region), soonest due first");
        group.MapGet("/decided", Decided).WithSummary("Tasks the caller decided, newest first");
        group.MapGet("/{id:guid}", Get).WithSummary("A task with its outcomes and form fields");
        group.MapPost("/{id:guid}/claim", Claim).WithSummary("Take a task so colleagues see it is being handled").WithProblems(409);
        group.MapDelete("/{id:guid}/claim", Release).WithSummary("Give a claimed task back");
        group.MapPost("/{id:guid}/delegate", Delegate).WithSummary("Hand a task to a colleague with the same role in scope").WithProblems(409);
        group.MapPost("/{id:guid}/decision", Decide).WithSummary("Decide a task with an outcome, a comment and form values; 409 if already decided").WithProblems(409);
        return app;
    }

    private static async Task<Ok<TaskPage>> List([AsParameters] TaskQuery query, ClaimsPrincipal user, TaskInbox inbox, CancellationToken cancellationToken) =>
        TypedResults.Ok(await inbox.ListAsync(Caller.From(user), query, cancellationToken));

    private static async Task<Ok<DecidedPage>> Decided(ClaimsPrincipal user, TaskInbox inbox, CancellationToken cancellationToken, int page = 1, int pageSize = 20) =>
        TypedResults.Ok(await inbox.DecidedAsync(Caller.From(user), page, pageSize, cancellationToken));

    private static async Task<Ok<TaskDetail>> Get(Guid id, ClaimsPrincipal user, TaskActions actions, CancellationToken cancellationToken) =>
        TypedResults.Ok(await actions.GetAsync(Caller.From(user), id, cancellationToken));

    private static async Task<Ok<TaskView>> Claim(Guid id, ClaimsPrincipal user, TaskActions actions, CancellationToken cancellationToken) =>
        TypedResults.Ok(await actions.ClaimAsync(Caller.From(user), id, cancellationToken));

    private static async Task<NoContent> Release(Guid id, ClaimsPrincipal user, TaskActions actions, CancellationToken cancellationToken)
    {
        await actions.ReleaseAsync(Caller.From(user), id, cancellationToken);
        return TypedResults.NoContent();
    }

    private static async Task<Ok<TaskView>> Delegate(Guid id, DelegationRequest request, ClaimsPrincipal user, TaskActions actions, CancellationToken cancellationToken) =>
        TypedResults.Ok(await actions.DelegateAsync(Caller.From(user), id, request, cancellationToken));

    private static async Task<Ok<DecisionResult>> Decide(Guid id, DecisionRequest request, ClaimsPrincipal user, TaskActions actions, CancellationToken cancellationToken) =>
        TypedResults.Ok(await actions.DecideAsync(Caller.From(user), id, request, cancellationToken));
}
