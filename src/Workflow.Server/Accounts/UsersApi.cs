using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Workflow.Server.Problems;

namespace Workflow.Server.Accounts;

public static class UsersApi
{
    public static IEndpointRouteBuilder MapUsersApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/admin/users").WithTags("Admin: users").WithCommonProblems().RequireAuthorization(Policies.Admin);
        group.MapGet("/", List).WithSummary("List users, optionally by role or name");
        group.MapGet("/{id:guid}", Get).WithSummary("Read a user");
        group.MapPost("/", Create).WithSummary("Create a user; without a password a one-time password is returned once").WithProblems(409);
        group.MapPatch("/{id:guid}", Update).WithSummary("Change roles, approver kind, home region, contact or active flag");
        group.MapPost("/{id:guid}/password-reset", ResetPassword).WithSummary("Issue a new one-time password and end the user's sessions");
        return app;
    }

    private static async Task<Ok<IReadOnlyList<UserView>>> List(string? role, string? search, ClaimsPrincipal user, UserDirectory users, CancellationToken cancellationToken) =>
        TypedResults.Ok(await users.ListAsync(Caller.From(user), role, search, cancellationToken));

    private static async Task<Ok<UserView>> Get(Guid id, UserDirectory users, CancellationToken cancellationToken) =>
        TypedResults.Ok(await users.GetAsync(id, cancellationToken));

    private static async Task<Created<UserWithPassword>> Create(NewUser request, UserDirectory users, CancellationToken cancellationToken)
    {
        var created = await users.CreateAsync(request, cancellationToken);
        return TypedResults.Created($"/api/admin/users/{created.User.Id}", created);
    }

    private static async Task<Ok<UserView>> Update(Guid id, UserChange change, UserDirectory users, CancellationToken cancellationToken) =>
        TypedResults.Ok(await users.UpdateAsync(id, change, cancellationToken));

    private static async Task<Ok<UserWithPassword>> ResetPassword(Guid id, UserDirectory users, CancellationToken cancellationToken) =>
        TypedResults.Ok(await users.ResetPasswordAsync(id, cancellationToken));
}
