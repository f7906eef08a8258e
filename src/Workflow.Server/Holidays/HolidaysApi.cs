using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Workflow.Federation.Holidays;
using Workflow.Server.Accounts;
using Workflow.Server.ApiDocs;
using Workflow.Server.Problems;

namespace Workflow.Server.Holidays;

/// <summary>The holiday calendar (节假日与调休): the shipped State Council notices and the admins' overrides; the rules live in the federation's <c>Holidays</c> folder.</summary>
public static class HolidaysApi
{
    public static IEndpointRouteBuilder MapHolidaysApi(this IEndpointRouteBuilder app)
    {
        var admin = app.MapGroup("/api/admin/holidays").WithTags("Admin: holidays").WithCommonProblems().RequireAuthorization(Policies.Admin);
        admin.MapGet("/", Year)
            .WithSummary("A year's holidays and 调休 working days with the State Council notice they came from, and the admins' overrides; a year without a shipped notice is weekends only and says so");
        admin.MapPut("/{date}", Set)
            .WithSummary("Make a date (yyyy-MM-dd) a holiday or a working day, with a name; future joint meetings, duty-group turns not yet held and open tasks not yet due move to follow it at once (the answer counts them), and their reminders say so");
        admin.MapDelete("/{date}", Remove).WithProblems(404)
            .WithSummary("Remove an admin's override, so the shipped notice (or the plain week) applies again; what it moved is planned again");
        return app;
    }

    private static async Task<Ok<HolidayYearView>> Year(HolidayCalendar holidays, TimeProvider clock, CancellationToken cancellationToken, int? year = null) =>
        TypedResults.Ok(await holidays.YearAsync(year ?? Workflow.Federation.Common.ChinaInstant.Of(clock.GetUtcNow()).LocalDate.Year, cancellationToken));

    private static async Task<Ok<HolidayChange>> Set(string date, HolidayOverrideRequest request, ClaimsPrincipal user, HolidayChanges holidays, CancellationToken cancellationToken) =>
        TypedResults.Ok(await holidays.SetAsync(Parse(date), request, Caller.From(user).Acting.UserName, cancellationToken));

    private static async Task<NoContent> Remove(string date, ClaimsPrincipal user, HolidayChanges holidays, CancellationToken cancellationToken)
    {
        await holidays.RemoveAsync(Parse(date), Caller.From(user).Acting.UserName, cancellationToken);
        return TypedResults.NoContent();
    }

    internal static DateOnly Parse(string date) =>
        DateOnly.TryParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed)
            ? parsed
            : throw ProblemException.Validation(("date", "a date as yyyy-MM-dd, e.g. 2026-10-08"));
}
