using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Workflow.Federation.Common;
using Workflow.Federation.Export;
using Workflow.Federation.Ledger;
using Workflow.Federation.Rosters;
using Workflow.Server.Accounts;
using Workflow.Server.Problems;

namespace Workflow.Server.Ledger;

public sealed record RosterChange(int Revision, [Present] RosterEntryInput Entry);

/// <summary>两库两册: the women roster and the exemplar roster, kept per organization.</summary>
public static class RostersApi
{
    public static IEndpointRouteBuilder MapRostersApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/rosters").WithTags("Rosters").WithCommonProblems().RequireAuthorization();
        group.MapGet("/{roster}", List).WithSummary("Entries of the women or exemplar roster in the caller's region");
        group.MapGet("/{roster}/export", Export).WithSummary("The roster as .xlsx");
        group.MapPost("/{roster}/organizations/{organizationId:guid}", Add).RequireAuthorization(Policies.Officer).WithSummary("Add a person to a roster");
        group.MapPut("/entries/{id:guid}", Update).RequireAuthorization(Policies.Officer).WithProblems(409).WithSummary("Change an entry; send the revision you read");
        group.MapDelete("/entries/{id:guid}", Remove).RequireAuthorization(Policies.Officer).WithSummary("Remove an entry");
        return app;
    }

    private static async Task<Ok<Page<RosterEntry>>> List(Roster roster, ClaimsPrincipal user, RosterService rosters, CancellationToken cancellationToken,
        string? region = null, Guid? organizationId = null, string? text = null, int page = 1, int pageSize = 50) =>
        TypedResults.Ok(await rosters.QueryAsync(new RosterQuery(roster, Scope.Of(Caller.From(user), region), organizationId, text, new Paging(page, pageSize)), cancellationToken));

    private static async Task<FileContentHttpResult> Export(Roster roster, ClaimsPrincipal user, HttpRequest request, LedgerExporter exporter, CancellationToken cancellationToken, string? region = null)
    {
        using var buffer = new MemoryStream();
        await exporter.ExportRosterAsync(buffer, roster, Scope.Of(Caller.From(user), region), LedgerApi.Culture(request), cancellationToken);
        return TypedResults.File(buffer.ToArray(), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", roster == Roster.Women ? "妇女名册.xlsx" : "先进典型名册.xlsx");
    }

    private static async Task<Created<RosterEntry>> Add(Roster roster, Guid organizationId, RosterEntryInput entry, ClaimsPrincipal user,
        LedgerService ledger, RosterService rosters, CancellationToken cancellationToken)
    {
        var caller = Caller.From(user);
        Scope.Check(caller, (await ledger.GetOrganizationAsync(organizationId, cancellationToken)).Facts.RegionCode, "organization", organizationId);
        var added = await rosters.AddAsync(roster, organizationId, entry, caller.UserName, cancellationToken);
        return TypedResults.Created($"/api/rosters/entries/{added.Id}", added);
    }

    private static async Task<Ok<RosterEntry>> Update(Guid id, RosterChange change, ClaimsPrincipal user, RosterService rosters, CancellationToken cancellationToken)
    {
        var caller = Caller.From(user);
        await VisibleAsync(id, caller, rosters, cancellationToken);
        return TypedResults.Ok(await rosters.UpdateAsync(id, change.Revision, change.Entry, caller.UserName, cancellationToken));
    }

    private static async Task<NoContent> Remove(Guid id, ClaimsPrincipal user, RosterService rosters, CancellationToken cancellationToken)
    {
        await VisibleAsync(id, Caller.From(user), rosters, cancellationToken);
        await rosters.RemoveAsync(id, cancellationToken);
        return TypedResults.NoContent();
    }

    private static async Task VisibleAsync(Guid id, Caller caller, RosterService rosters, CancellationToken cancellationToken)
    {
        var entry = await rosters.GetAsync(id, cancellationToken);
        Scope.Check(caller, entry.RegionCode, "roster entry", id);
    }
}
