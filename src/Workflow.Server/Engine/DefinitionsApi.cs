using System.Security.Claims;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Workflow.Persistence.Definitions;
using Workflow.Persistence.Storage;
using Workflow.Server.Accounts;
using Workflow.Server.Problems;

namespace Workflow.Server.Engine;

public sealed record DefinitionVersionView(string DefinitionId, int Version, string Name, string ContentHash, DateTimeOffset PublishedAt, string PublishedBy, JsonNode? Json);

public static class DefinitionsApi
{
    public static IEndpointRouteBuilder MapDefinitionsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/definitions").WithTags("Definitions").WithCommonProblems().RequireAuthorization(Policies.Admin);
        group.MapGet("/", List).WithSummary("Every published definition version");
        group.MapGet("/{id}", Versions).WithSummary("The versions of one definition, newest first, each with the number of instances still running on it");
        group.MapGet("/{id}/versions/{version:int}", Version).WithSummary("One version with its JSON");
        group.MapPost("/", Publish).WithSummary("Publish a definition from JSON; refused with each error's path and reason; unchanged content keeps its version");
        return app;
    }

    private static async Task<Ok<IReadOnlyList<PublishedDefinition>>> List(DefinitionStore store, CancellationToken cancellationToken) =>
        TypedResults.Ok(await store.ListAsync(cancellationToken));

    private static async Task<Ok<IReadOnlyList<DefinitionVersionSummary>>> Versions(string id, DefinitionCatalog catalog, CancellationToken cancellationToken)
    {
        var rows = await catalog.VersionsAsync(id, cancellationToken);
        return rows.Count == 0 ? throw ProblemException.NotFound("definition", id) : TypedResults.Ok(rows);
    }

    private static async Task<Ok<DefinitionVersionView>> Version(string id, int version, IDbContextFactory<WorkflowDbContext> contexts, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var row = await db.Definitions.AsNoTracking().SingleOrDefaultAsync(d => d.DefinitionId == id && d.Version == version, cancellationToken)
            ?? throw ProblemException.NotFound("definition version", $"{id} v{version}");
        return TypedResults.Ok(new DefinitionVersionView(row.DefinitionId, row.Version, row.Name, row.ContentHash, row.PublishedAt, row.PublishedBy, JsonNode.Parse(row.Json)));
    }

    private static async Task<Results<Created<PublishedDefinition>, Ok<PublishedDefinition>>> Publish(JsonObject definition, ClaimsPrincipal user, DefinitionStore store, CancellationToken cancellationToken)
    {
        var published = await store.PublishAsync(definition.ToJsonString(), "request body", Caller.From(user).UserName, cancellationToken);
        return published.IsNew
            ? TypedResults.Created($"/api/definitions/{published.DefinitionId}/versions/{published.Version}", published)
            : TypedResults.Ok(published);
    }
}
