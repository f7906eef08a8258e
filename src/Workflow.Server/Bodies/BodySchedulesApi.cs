using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Workflow.Federation.DutyGroups;
using Workflow.Federation.Invitations;
using Workflow.Federation.Registry;
using Workflow.Federation.Rotations;
using Workflow.Server.Accounts;
using Workflow.Server.Problems;

namespace Workflow.Server.Bodies;

/// <summary>A founded body's leaders, history, rotating presidium and duty groups; the rules live in the federation's feature folders.</summary>
public static class BodySchedulesApi
{
    public static IEndpointRouteBuilder MapBodySchedulesApi(this IEndpointRouteBuilder app)
    {
        var read = app.MapGroup("/api/bodies/{id:guid}").WithTags("Registry").WithCommonProblems().RequireAuthorization();
        read.MapGet("/rotation", (Guid id, ClaimsPrincipal user, RotationSchedule rotation, CancellationToken ct) => rotation.GetAsync(Caller.From(user).Acting, id, ct))
            .WithSummary("The rotating presidium: periods with their chairs (the current one marked) and every swap, skip and rebuild with its reason");
        read.MapGet("/history", (Guid id, ClaimsPrincipal user, BodyHistory history, CancellationToken ct) => history.GetAsync(Caller.From(user).Acting, id, ct))
            .WithSummary("What happened to the body, oldest first: every founding decision up to registration, rotation changes with their reasons, handovers, set-up and re-election decisions");
        read.MapGet("/duty-groups", (Guid id, ClaimsPrincipal user, DutyGroupSchedule groups, CancellationToken ct) => groups.GetAsync(Caller.From(user).Acting, id, ct))
            .WithSummary("The executive duty groups and their turns");

        var plan = app.MapGroup("/api/bodies/{id:guid}").WithTags("Registry").WithCommonProblems().RequireAuthorization(Policies.Officer);
        plan.MapPut("/leaders/{leaderId:guid}/account", LinkLeader).WithProblems(404)
            .WithSummary("Link an elected leader to the account she uses (userId), or unlink her (null); chairs and vice-chairs need the chair role. Rotations and duty groups then default to the linked leaders");
        plan.MapGet("/invitations", (Guid id, ClaimsPrincipal user, LeaderInvitations invitations, CancellationToken ct) => invitations.ListAsync(Caller.From(user).Acting, id, ct))
            .WithProblems(404).WithSummary("The elected leaders' account invitations: state, masked address and validity; never the code");
        plan.MapPost("/invitations/{invitationId:guid}/reissue", Reissue).WithProblems(404)
            .WithSummary("A new activation code for a lost or expired invitation, sent to her own e-mail or phone only; the old code stops working at once");
        plan.MapPut("/rotation", Rotation).WithProblems(409, 422)
            .WithSummary("Plan the rotating presidium (轮值主席团, seed 004): chair and vice-chairs in order, two months each by default. Once it has begun, a new order (the leadership changed) rebuilds the future periods, needs a reason and tells the people whose periods moved");
        plan.MapPost("/rotation/swap", Swap).WithProblems(409, 422)
            .WithSummary("Two future periods trade chairs, with a reason; both are told");
        plan.MapPost("/rotation/skip", Skip).WithProblems(409, 422)
            .WithSummary("A chair gives up a future period, with a reason; the later periods move up and everyone affected is told");
        plan.MapPut("/duty-groups", DutyGroups).WithProblems(422)
            .WithSummary("Split the executives into balanced duty groups (执委轮值, seed 003); refused with the nearest valid settings when the bounds cannot be met");
        return app;
    }

    private static async Task<Ok<FederationBody>> LinkLeader(Guid id, Guid leaderId, LeaderAccountRequest request, ClaimsPrincipal user,
        BodyLeaders leaders, CancellationToken cancellationToken) =>
        TypedResults.Ok(await leaders.LinkAsync(Caller.From(user).Acting, id, leaderId, request, cancellationToken));

    private static async Task<Ok<InvitationView>> Reissue(Guid id, Guid invitationId, ClaimsPrincipal user, LeaderInvitations invitations, CancellationToken cancellationToken) =>
        TypedResults.Ok(await invitations.ReissueAsync(Caller.From(user).Acting, id, invitationId, cancellationToken));

    private static async Task<Ok<RotationView>> Rotation(Guid id, RotationRequest request, ClaimsPrincipal user, RotationSchedule rotation, CancellationToken cancellationToken) =>
        TypedResults.Ok(await rotation.PlanAsync(Caller.From(user).Acting, id, request, cancellationToken));

    private static async Task<Ok<RotationView>> Swap(Guid id, SwapRequest request, ClaimsPrincipal user, RotationSchedule rotation, CancellationToken cancellationToken) =>
        TypedResults.Ok(await rotation.SwapAsync(Caller.From(user).Acting, id, request, cancellationToken));

    private static async Task<Ok<RotationView>> Skip(Guid id, SkipRequest request, ClaimsPrincipal user, RotationSchedule rotation, CancellationToken cancellationToken) =>
        TypedResults.Ok(await rotation.SkipAsync(Caller.From(user).Acting, id, request, cancellationToken));

    private static async Task<Ok<ScheduledDutyGroups>> DutyGroups(Guid id, DutyGroupsRequest request, ClaimsPrincipal user, DutyGroupSchedule groups, CancellationToken cancellationToken) =>
        TypedResults.Ok(await groups.PlanAsync(Caller.From(user).Acting, id, request, cancellationToken));
}
