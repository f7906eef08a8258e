namespace Workflow.Server.ApiDocs;

public static class ApiDocsRegistration
{
    public static IServiceCollection AddApiDocs(this IServiceCollection services)
    {
        services.AddOpenApi("v1", o => o.AddDocumentTransformer((document, _, _) =>
        {
            document.Info.Title = "Workflow — 三新领域妇联组建与运行";
            document.Info.Description = "Founding women's federation bodies in new economic and social organizations and new employment groups. "
                + "Sign in at POST /api/auth/token and send 'Authorization: Bearer <accessToken>'. Errors are RFC 9457 problem details.";
            return Task.CompletedTask;
        }));
        return services;
    }

    public static IEndpointRouteBuilder MapApiDocs(this IEndpointRouteBuilder app)
    {
        app.MapOpenApi("/openapi/{documentName}.json").AllowAnonymous();
        app.MapGet("/api-docs", () => Results.Content(ApiDocsPage.Html, "text/html; charset=utf-8")).AllowAnonymous().ExcludeFromDescription();
        return app;
    }
}
