using Microsoft.OpenApi;
using Scalar.AspNetCore;

namespace Workflow.Server.ApiDocs;

/// <summary>
/// The OpenAPI document and the API page over it: Scalar, whose script ships inside its package and is served from here, so
/// the page works offline. The document names the bearer scheme, so the page signs in and tries every operation with a token.
/// </summary>
public static class ApiDocsRegistration
{
    public const string PagePath = "/api-docs";
    public const string BearerScheme = "Bearer";

    public static IServiceCollection AddApiDocs(this IServiceCollection services)
    {
        services.AddOpenApi("v1", o => o.AddDocumentTransformer((document, _, _) =>
        {
            document.Info.Title = "Workflow — 三新领域妇联组建与运行";
            document.Info.Description = "Founding women's federation bodies in new economic and social organizations and new employment groups. "
                + "Sign in at POST /api/auth/token and paste its accessToken as the Bearer token (the header 'Authorization: Bearer' followed by the token). Errors are RFC 9457 problem details.";
            document.Components ??= new OpenApiComponents();
            document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
            document.Components.SecuritySchemes[BearerScheme] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http, Scheme = "bearer", BearerFormat = "JWT",
                Description = "The accessToken of POST /api/auth/token (userName, password).",
            };
            // Every operation but sign-in, refresh, the health check and this document needs the token; those that do not say so ignore it.
            document.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(BearerScheme, document)] = [] }];
            return Task.CompletedTask;
        }));
        return services;
    }

    public static IEndpointRouteBuilder MapApiDocs(this IEndpointRouteBuilder app)
    {
        app.MapOpenApi("/openapi/{documentName}.json").AllowAnonymous();
        app.MapScalarApiReference(PagePath, o => o
                .WithTitle("Workflow API · 三新领域妇联组建与运行")
                .WithOpenApiRoutePattern("/openapi/{documentName}.json")
                // Offline and private: no fonts from Scalar's CDN, no telemetry, no proxy; requests go straight to this service.
                .DisableDefaultFonts()
                .DisableTelemetry()
                .AddPreferredSecuritySchemes(BearerScheme)
                .AddHttpAuthentication(BearerScheme, _ => { })
                .EnablePersistentAuthentication())
            .AllowAnonymous();
        return app;
    }
}

/// <summary>Upload endpoints read their request themselves; this says in the OpenAPI document what they accept.</summary>
public static class UploadDescription
{
    /// <summary>A multipart form with a <c>file</c> part (and the named text parts), or the file itself as the body.</summary>
    public static TBuilder AcceptsUpload<TBuilder>(this TBuilder builder, string fileTypes, params string[] formFields) where TBuilder : IEndpointConventionBuilder =>
        builder.AddOpenApiOperationTransformer((operation, _, _) =>
        {
            var form = new OpenApiSchema
            {
                Type = JsonSchemaType.Object,
                Required = new HashSet<string> { "file" },
                Properties = new Dictionary<string, IOpenApiSchema> { ["file"] = new OpenApiSchema { Type = JsonSchemaType.String, Format = "binary", Description = fileTypes } },
            };
            foreach (var field in formFields) form.Properties[field] = new OpenApiSchema { Type = JsonSchemaType.String };
            operation.RequestBody = new OpenApiRequestBody
            {
                Required = true,
                Description = $"{fileTypes}: as the part 'file' of a multipart form, or as the whole body",
                Content = new Dictionary<string, OpenApiMediaType>
                {
                    ["multipart/form-data"] = new() { Schema = form },
                    ["application/octet-stream"] = new() { Schema = new OpenApiSchema { Type = JsonSchemaType.String, Format = "binary" } },
                },
            };
            return Task.CompletedTask;
        });
}
