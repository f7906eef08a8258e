using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Workflow.Server.Accounts;
using Workflow.Server.Problems;

namespace Workflow.Server.Robots;

public static class RobotsApi
{
    public static IEndpointRouteBuilder MapRobotsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/robots").WithTags("Robots").WithCommonProblems().RequireAuthorization(Policies.Officer);
        group.MapGet("/", List).WithSummary("The WeCom and DingTalk group robots of bodies and regions in the caller's region; URLs masked, secrets never shown");
        group.MapPost("/", Create).WithProblems(404)
            .WithSummary("Set up a group robot for a body (its chairs' group) or a region: platform, URL, DingTalk's signing secret, markdown or text");
        group.MapDelete("/{id:guid}", Remove).WithProblems(404).WithSummary("Remove a robot; what still waits for it ends as dead letters");
        var admin = app.MapGroup("/api/admin/robots").WithTags("Robots").WithCommonProblems().RequireAuthorization(Policies.Admin);
        admin.MapGet("/dead-letters", DeadLetters).WithSummary("Robot messages that will not be sent, newest first, with the platform's reason (invalid key, signature refused, tries used up)");
        return app;
    }

    private static async Task<Ok<IReadOnlyList<RobotView>>> List(ClaimsPrincipal user, RobotDirectory robots, CancellationToken cancellationToken,
        Guid? bodyId = null, string? regionCode = null) =>
        TypedResults.Ok(await robots.ListAsync(Caller.From(user), bodyId, regionCode, cancellationToken));

    private static async Task<Created<RobotView>> Create(NewRobot request, ClaimsPrincipal user, RobotDirectory robots, CancellationToken cancellationToken)
    {
        var robot = await robots.CreateAsync(Caller.From(user), request, cancellationToken);
        return TypedResults.Created($"/api/robots/{robot.Id}", robot);
    }

    private static async Task<NoContent> Remove(Guid id, ClaimsPrincipal user, RobotDirectory robots, CancellationToken cancellationToken)
    {
        await robots.RemoveAsync(Caller.From(user), id, cancellationToken);
        return TypedResults.NoContent();
    }

    private static async Task<Ok<IReadOnlyList<RobotDeadLetterView>>> DeadLetters(RobotDirectory robots, CancellationToken cancellationToken, int limit = 100) =>
        TypedResults.Ok(await robots.DeadLettersAsync(limit, cancellationToken));
}
