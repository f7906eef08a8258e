using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Workflow.Server.Accounts;
using Workflow.Server.Problems;

namespace Workflow.Server.Bodies;

public static class BodySchedulesApi
{
    public static IEndpointRouteBuilder MapBodySchedulesApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/bodies/{id:guid}").WithTags("Registry").WithCommonProblems().RequireAuthorization(Policies.Officer);
        group.MapPut("/rotation", Rotation).WithProblems(422)
            .WithSummary("Plan the rotating presidium (轮值主席团, seed 004): chair and vice-chairs in order, two months each by default; replaces the future of an earlier plan");
        group.MapPut("/duty-groups", DutyGroups).WithProblems(422)
            .WithSummary("Split the executives into balanced duty groups (执委轮值, seed 003); refused with the nearest valid settings when the bounds cannot be met");
        return app;
    }

    private static async Task<Ok<ScheduledRotation>> Rotation(Guid id, RotationRequest request, ClaimsPrincipal user, BodySchedules schedules, CancellationToken cancellationToken) =>
        TypedResults.Ok(await schedules.PlanRotationAsync(Caller.From(user), id, request, cancellationToken));

    private static async Task<Ok<ScheduledDutyGroups>> DutyGroups(Guid id, DutyGroupsRequest request, ClaimsPrincipal user, BodySchedules schedules, CancellationToken cancellationToken) =>
        TypedResults.Ok(await schedules.PlanDutyGroupsAsync(Caller.From(user), id, request, cancellationToken));
}
