using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Workflow.Server.Accounts;
using Workflow.Server.Problems;

namespace Workflow.Server.Meetings;

public static class MeetingsApi
{
    public static IServiceCollection AddJointMeetings(this IServiceCollection services) => services
        .AddSingleton<JointMeetingGroups>()
        .AddSingleton<MeetingRecords>();

    public static IEndpointRouteBuilder MapMeetingsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/meeting-groups").WithTags("Joint meetings").WithCommonProblems().RequireAuthorization();
        group.MapGet("/", (ClaimsPrincipal user, MeetingRecords records, CancellationToken ct) => records.ListAsync(Caller.From(user), ct))
            .WithSummary("Joint-meeting groups in the caller's region, and those the caller convenes or is invited to, with their next meeting");
        group.MapGet("/{id:guid}", (Guid id, ClaimsPrincipal user, MeetingRecords records, CancellationToken ct) => records.GetAsync(Caller.From(user), id, ct))
            .WithSummary("A group with its bodies, convener, invitees and every quarter's meeting: date (China time), place, status and record");
        group.MapPost("/", Create).RequireAuthorization(Policies.Officer).WithProblems(403)
            .WithSummary("Form a joint-meeting group (联席会, seed 004) of at least two bodies: the service proposes a meeting every quarter (second Tuesday of the quarter's middle month, 09:30), invites and reminds the convener and invitees, and asks the convener to record each meeting");
        group.MapPut("/{id:guid}/meetings/{year:int}/{quarter:int}", Move).RequireAuthorization(Policies.Officer).WithProblems(409)
            .WithSummary("Move a quarter's meeting to another day, time (China time) or place, with a reason; everyone invited is told and the reminders follow");
        group.MapPost("/{id:guid}/meetings/{year:int}/{quarter:int}/record", Record).WithProblems(403, 409)
            .WithSummary("The convener records attendance and minutes, or that the meeting was not held and why; this decides her recording task");
        return app;
    }

    private static async Task<Created<MeetingGroupView>> Create(MeetingGroupRequest request, ClaimsPrincipal user, JointMeetingGroups groups, MeetingRecords records, CancellationToken cancellationToken)
    {
        var caller = Caller.From(user);
        var created = await groups.CreateAsync(caller, request, cancellationToken);
        return TypedResults.Created($"/api/meeting-groups/{created.Id}", await records.GetAsync(caller, created.Id, cancellationToken));
    }

    private static async Task<Ok<MeetingGroupView>> Move(Guid id, int year, int quarter, MoveMeetingRequest request, ClaimsPrincipal user, JointMeetingGroups groups, MeetingRecords records,
        CancellationToken cancellationToken)
    {
        var caller = Caller.From(user);
        await groups.MoveAsync(caller, id, year, quarter, request, cancellationToken);
        return TypedResults.Ok(await records.GetAsync(caller, id, cancellationToken));
    }

    private static async Task<Ok<MeetingView>> Record(Guid id, int year, int quarter, RecordMeetingRequest request, ClaimsPrincipal user, MeetingRecords records, CancellationToken cancellationToken) =>
        TypedResults.Ok(await records.RecordAsync(Caller.From(user), id, year, quarter, request, cancellationToken));
}
