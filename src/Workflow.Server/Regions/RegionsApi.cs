using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Workflow.Server.Accounts;
using Workflow.Server.ApiDocs;
using Workflow.Server.Problems;

namespace Workflow.Server.Regions;

public static class RegionsApi
{
    public static IEndpointRouteBuilder MapRegionsApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/regions", List).WithTags("Regions").RequireAuthorization().WithSummary("The region tree in the caller's scope (their region and below)");
        var admin = app.MapGroup("/api/admin/regions").WithTags("Admin: regions").WithCommonProblems().RequireAuthorization(Policies.Admin);
        admin.MapPost("/", Create).WithProblems(409)
            .WithSummary("Add a region (province, city, county, township or village) under its parent, derived from the code; a region without its parent is refused unless newRoot is true");
        admin.MapPost("/import", Import)
            .WithSummary("Import regions from a CSV (code,name), UTF-8 or GB18030; all rows or none; ?newRoot=true lets rows without a parent start a new root").DisableAntiforgery()
            .AcceptsUpload("a CSV of code,name");
        return app;
    }

    private static async Task<Ok<IReadOnlyList<RegionView>>> List(string? under, ClaimsPrincipal user, RegionService regions, CancellationToken cancellationToken) =>
        TypedResults.Ok(await regions.ListAsync(Caller.From(user), under, cancellationToken));

    private static async Task<Created<RegionView>> Create(NewRegion request, RegionService regions, CancellationToken cancellationToken)
    {
        var created = await regions.CreateAsync(request, cancellationToken);
        return TypedResults.Created($"/api/regions?under={created.Code}", created);
    }

    private static async Task<Ok<RegionImportResult>> Import(HttpRequest request, RegionService regions, CancellationToken cancellationToken, bool newRoot = false)
    {
        if (request.HasFormContentType)
        {
            var form = await request.ReadFormAsync(cancellationToken);
            var file = form.Files.Count > 0 ? form.Files[0] : throw ProblemException.Validation(("file", "attach a CSV file"));
            await using var stream = file.OpenReadStream();
            return TypedResults.Ok(await regions.ImportCsvAsync(stream, newRoot, cancellationToken));
        }
        return TypedResults.Ok(await regions.ImportCsvAsync(request.Body, newRoot, cancellationToken));
    }
}
