using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Workflow.Server.Accounts;
using Workflow.Server.Problems;

namespace Workflow.Server.Calendar;

public static class CalendarApi
{
    public const string ContentType = "text/calendar; charset=utf-8";

    public static IEndpointRouteBuilder MapCalendarApi(this IEndpointRouteBuilder app)
    {
        var me = app.MapGroup("/api/me/calendar-token").WithTags("Calendar").WithCommonProblems().RequireAuthorization();
        me.MapPost("/", Create).WithSummary("Create the caller's private calendar address, revoking any earlier one; the token is shown once");
        me.MapDelete("/", Revoke).WithSummary("Revoke the caller's calendar address");

        // The token in the address is the secret: calendar clients cannot sign in.
        app.MapGet("/calendar/{token}.ics", Feed).AllowAnonymous().WithTags("Calendar").ProducesProblem(404)
            .WithSummary("A person's iCalendar feed (rotation periods, duty-group turns, meetings) in Asia/Shanghai");
        return app;
    }

    private static async Task<Ok<CalendarToken>> Create(HttpContext http, ClaimsPrincipal user, CalendarFeed feed, CancellationToken cancellationToken) =>
        TypedResults.Ok(await feed.CreateTokenAsync(Caller.From(user), $"{http.Request.Scheme}://{http.Request.Host}{http.Request.PathBase}", cancellationToken));

    private static async Task<NoContent> Revoke(ClaimsPrincipal user, CalendarFeed feed, CancellationToken cancellationToken)
    {
        await feed.RevokeTokenAsync(Caller.From(user), cancellationToken);
        return TypedResults.NoContent();
    }

    private static async Task<IResult> Feed(string token, HttpContext http, CalendarFeed feed, CancellationToken cancellationToken)
    {
        var calendar = await feed.RenderAsync(token, cancellationToken)
            ?? throw new ProblemException(404, "not-found", "找不到 / Not found", "no calendar at this address; it may have been revoked");
        http.Response.Headers.CacheControl = "private, no-cache";
        return TypedResults.Text(calendar, ContentType);
    }
}
