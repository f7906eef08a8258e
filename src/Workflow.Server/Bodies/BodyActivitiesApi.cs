using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Workflow.Federation.Activities;
using Workflow.Server.Accounts;
using Workflow.Server.Problems;

namespace Workflow.Server.Bodies;

/// <summary>What a body did and whether it works (有效覆盖, issue 14); the rules live in the federation's Activities folder.</summary>
public static class BodyActivitiesApi
{
    public static IEndpointRouteBuilder MapBodyActivitiesApi(this IEndpointRouteBuilder app)
    {
        var read = app.MapGroup("/api/bodies/{id:guid}").WithTags("Registry").WithCommonProblems().RequireAuthorization();
        read.MapGet("/activities", (Guid id, ClaimsPrincipal user, BodyActivities activities, CancellationToken ct) => activities.ListAsync(Caller.From(user).Acting, id, ct))
            .WithSummary("The body's recorded activities, newest first");
        read.MapGet("/activity-status", (Guid id, ClaimsPrincipal user, BodyActivities activities, CancellationToken ct) => activities.StatusAsync(Caller.From(user).Acting, id, ct))
            .WithSummary("Whether the body is active (有效) over the last two complete quarters (China time), and what is missing");

        var write = app.MapGroup("/api/bodies/{id:guid}").WithTags("Registry").WithCommonProblems().RequireAuthorization(Policies.Officer);
        write.MapPost("/activities", Record).WithProblems(404)
            .WithSummary("Record an activity: kind jointMeeting (minutes), dutyGroupActivity (dutyGroup, attendees), hostedActivity (hostedBy), loveMotherTeam or loveMotherPairing, dated no later than today (China time)");

        app.MapGroup("/api/coverage").WithTags("Coverage").WithCommonProblems().RequireAuthorization()
            .MapGet("/quiet", (ClaimsPrincipal user, BodyActivities activities, CancellationToken ct) => activities.QuietAsync(Caller.From(user).Acting, ct))
            .WithSummary("Founded bodies in the caller's region that have gone quiet (not active), with what is missing and the last activity date");
        return app;
    }

    private static async Task<Created<ActivityView>> Record(Guid id, RecordActivityRequest request, ClaimsPrincipal user, BodyActivities activities, CancellationToken cancellationToken)
    {
        var recorded = await activities.RecordAsync(Caller.From(user).Acting, id, request, cancellationToken);
        return TypedResults.Created($"/api/bodies/{id}/activities", recorded);
    }
}
