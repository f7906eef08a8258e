using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Workflow.Server.Accounts;
using Workflow.Server.Problems;

namespace Workflow.Server.Diagrams;

public static class DiagramsRegistration
{
    public static IServiceCollection AddDiagrams(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<DagreLayout>().AddSingleton(sp => new WorkflowDiagram(sp.GetRequiredService<DagreLayout>())).AddSingleton<InstanceDiagrams>();
        if (configuration.GetValue("Diagrams:WarmUp", true)) services.AddHostedService<DiagramWarmUp>();
        return services;
    }
}

public static class DiagramsApi
{
    public const string SvgType = "image/svg+xml; charset=utf-8";

    public static IEndpointRouteBuilder MapDiagramsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/instances").WithTags("Instances").WithCommonProblems().RequireAuthorization();
        group.MapGet("/{id:guid}/diagram", Diagram)
            .WithSummary("The instance's workflow diagram as SVG: its current steps highlighted, the path taken marked; lang=en for English words")
            .Produces<string>(200, "image/svg+xml");
        return app;
    }

    private static async Task<ContentHttpResult> Diagram(Guid id, ClaimsPrincipal user, InstanceDiagrams diagrams, HttpResponse response,
        CancellationToken cancellationToken, string? lang = null)
    {
        var culture = lang switch
        {
            null or "zh" or "zh-CN" => CultureInfo.GetCultureInfo("zh-CN"),
            "en" => CultureInfo.GetCultureInfo("en"),
            _ => throw ProblemException.Validation(("lang", "zh-CN or en")),
        };
        var svg = await diagrams.RenderAsync(Caller.From(user), id, culture, cancellationToken);
        response.Headers.CacheControl = "private, no-cache";
        return TypedResults.Content(svg, SvgType);
    }
}
