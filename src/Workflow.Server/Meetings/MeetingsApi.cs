using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Workflow.Federation.JointMeetings;
using Workflow.Server.Accounts;
using Workflow.Server.Problems;
using Workflow.Server.Tasks;

namespace Workflow.Server.Meetings;

/// <summary>Joint-meeting groups and their quarterly meetings (联席会, seed 004); the rules live in the federation's <c>JointMeetings</c> folder.</summary>
public static class MeetingsApi
{
    public static IEndpointRouteBuilder MapMeetingsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/meeting-groups").WithTags("Joint meetings").WithCommonProblems().RequireAuthorization();
        group.MapGet("/", (ClaimsPrincipal user, MeetingRecords records, CancellationToken ct) => records.ListAsync(Caller.From(user).Acting, ct))
            .WithSummary("Joint-meeting groups in the caller's region, and those the caller convenes or is invited to, with their next meeting");
        group.MapGet("/{id:guid}", (Guid id, ClaimsPrincipal user, MeetingRecords records, CancellationToken ct) => records.GetAsync(Caller.From(user).Acting, id, ct))
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
        var actor = Caller.From(user).Acting;
        var created = await groups.CreateAsync(actor, request, cancellationToken);
        return TypedResults.Created($"/api/meeting-groups/{created.Id}", await records.GetAsync(actor, created.Id, cancellationToken));
    }

    private static async Task<Ok<MeetingGroupView>> Move(Guid id, int year, int quarter, MoveMeetingRequest request, ClaimsPrincipal user, JointMeetingGroups groups, MeetingRecords records,
        CancellationToken cancellationToken)
    {
        var actor = Caller.From(user).Acting;
        await groups.MoveAsync(actor, id, year, quarter, request, cancellationToken);
        return TypedResults.Ok(await records.GetAsync(actor, id, cancellationToken));
    }

    /// <summary>Recording decides the convener's recording task, as any task is decided: the one holding it decides it.</summary>
    private static async Task<Ok<MeetingView>> Record(Guid id, int year, int quarter, RecordMeetingRequest request, ClaimsPrincipal user, MeetingRecords records, TaskActions tasks,
        CancellationToken cancellationToken)
    {
        var caller = Caller.From(user);
        var recording = await records.PrepareRecordAsync(caller.Acting, id, year, quarter, request, cancellationToken);
        try
        {
            await tasks.DecideAsync(caller, recording.TaskId, new DecisionRequest(recording.Outcome, null, recording.Form), cancellationToken);
        }
        catch (Exception failure) when (ProblemMapping.Map(failure) is { Status: 404 } e)
        {
            // The caller sees the group (an invitee) but not the convener's task.
            throw ProblemException.Forbidden("only the convener, or a colleague she handed the recording task to, records the meeting");
        }
        return TypedResults.Ok(await records.MeetingAsync(caller.Acting, id, year, quarter, cancellationToken));
    }
}
