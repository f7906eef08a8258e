using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Workflow.Server.ApiDocs;
using Workflow.Server.Problems;

namespace Workflow.Server.Accounts;

public static class UsersApi
{
    public static IEndpointRouteBuilder MapUsersApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/admin/users").WithTags("Admin: users").WithCommonProblems().RequireAuthorization(Policies.Admin);
        group.MapGet("/", List)
            .WithSummary($"Users in the caller's reach by user name, a screen at a time by keyset: ?limit= 1–{UserDirectory.MaxLimit} (default 50), ?after= the previous answer's next "
                + "(null on the last screen); filter by search (user name or name), role, region (and below) and active");
        group.MapGet("/{id:guid}", Get).WithSummary("Read a user");
        group.MapPost("/", Create).WithSummary("Create a user; without a password a one-time password is returned once").WithProblems(409);
        group.MapPatch("/{id:guid}", Update).WithSummary("Change roles, approver kind, home region, contact or active flag");
        group.MapPost("/{id:guid}/password-reset", ResetPassword).WithSummary("Issue a new one-time password and end the user's sessions");
        group.MapPost("/import", Import).DisableAntiforgery().WithProblems(422).AcceptsUpload("a CSV with a heading row: 用户名,姓名,角色,审批人类别,区域代码,邮箱")
            .WithSummary("Import users from a CSV (UTF-8 or GB18030); ?dryRun=true reports every bad row; all rows or none; each account gets a one-time password, returned once");
        return app;
    }

    /// <summary>A screen of users: pass the <c>next</c> of one answer as <c>after</c> to read the next; <c>total</c> counts every match.</summary>
    private static async Task<Ok<UserSlice>> List(ClaimsPrincipal user, UserDirectory users, CancellationToken cancellationToken,
        string? search = null, string? role = null, string? region = null, bool? active = null, string? after = null, int limit = 50) =>
        TypedResults.Ok(await users.SliceAsync(Caller.From(user), new UserFilter(search, role, region, active), after, limit, cancellationToken));

    private static async Task<Ok<UserView>> Get(Guid id, UserDirectory users, CancellationToken cancellationToken) =>
        TypedResults.Ok(await users.GetAsync(id, cancellationToken));

    private static async Task<Created<UserWithPassword>> Create(NewUser request, UserDirectory users, CancellationToken cancellationToken)
    {
        var created = await users.CreateAsync(request, cancellationToken);
        return TypedResults.Created($"/api/admin/users/{created.User.Id}", created);
    }

    private static async Task<Ok<UserView>> Update(Guid id, UserChange change, UserDirectory users, CancellationToken cancellationToken) =>
        TypedResults.Ok(await users.UpdateAsync(id, change, cancellationToken));

    private static async Task<Ok<UserImportReport>> Import(HttpRequest request, UserImport import, CancellationToken cancellationToken, bool dryRun = false)
    {
        UserImportReport report;
        if (request.HasFormContentType)
        {
            var form = await request.ReadFormAsync(cancellationToken);
            var file = form.Files.Count > 0 ? form.Files[0] : throw ProblemException.Validation(("file", "attach a CSV file"));
            await using var stream = file.OpenReadStream();
            report = await import.RunAsync(stream, dryRun, cancellationToken);
        }
        else report = await import.RunAsync(request.Body, dryRun, cancellationToken);
        return report.Problems.Count == 0 ? TypedResults.Ok(report)
            : throw new ProblemException(422, "import-invalid-rows", "文件未导入 / File not imported", $"{report.Problems.Count} bad cells in {report.RowsRead} rows; nothing was created",
                new Dictionary<string, object?> { ["dryRun"] = report.DryRun, ["rowsRead"] = report.RowsRead, ["problems"] = report.Problems });
    }

    private static async Task<Ok<UserWithPassword>> ResetPassword(Guid id, UserDirectory users, CancellationToken cancellationToken) =>
        TypedResults.Ok(await users.ResetPasswordAsync(id, cancellationToken));
}
