using System.Collections.Concurrent;
using System.Reflection;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.Extensions.Primitives;
using Workflow.Server.Problems;

namespace Workflow.Server.Hosting;

/// <summary>
/// Enum values in paths and query strings are read as the OpenAPI document spells them ("women", "newEconomic"):
/// names in any case, or the numbers the enum defines. The framework's own binding knows the exact C# names only and
/// takes any number, so an undefined one (<c>/api/rosters/99</c>) would reach the handler; here it is a 400 problem.
/// </summary>
public static class EnumArguments
{
    private sealed record EnumParameter(string Name, Type Enum, bool InRoute);

    private static readonly ConcurrentDictionary<Endpoint, EnumParameter[]> Parameters = new();

    /// <summary>After routing (the endpoint must be known), before the endpoint binds its arguments.</summary>
    public static IApplicationBuilder UseEnumArguments(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (context.GetEndpoint() is { } endpoint)
            foreach (var parameter in Parameters.GetOrAdd(endpoint, Find))
                Normalize(context.Request, parameter);
        await next(context);
    });

    private static void Normalize(HttpRequest request, EnumParameter parameter)
    {
        if (parameter.InRoute)
        {
            if (request.RouteValues.TryGetValue(parameter.Name, out var value) && value is string text)
                request.RouteValues[parameter.Name] = Canonical(parameter, text);
            return;
        }
        if (!request.Query.TryGetValue(parameter.Name, out var values) || values.Count == 0) return;
        var query = request.Query.ToDictionary(q => q.Key, q => q.Value, StringComparer.OrdinalIgnoreCase);
        query[parameter.Name] = new StringValues([.. values.Select(v => string.IsNullOrEmpty(v) ? v : Canonical(parameter, v))]);
        request.Query = new QueryCollection(query);
    }

    private static string Canonical(EnumParameter parameter, string text)
    {
        if (Enum.TryParse(parameter.Enum, text.Trim(), ignoreCase: true, out var value) && Enum.IsDefined(parameter.Enum, value!))
            return value!.ToString()!;
        var names = string.Join(", ", Enum.GetNames(parameter.Enum).Select(JsonNamingPolicy.CamelCase.ConvertName));
        throw Refusal.Validation((parameter.Name, $"“{text}”不是可选值之一：{names}（'{text}' is not one of these）"));
    }

    private static EnumParameter[] Find(Endpoint endpoint)
    {
        if (endpoint.Metadata.GetMetadata<MethodInfo>() is not { } method) return [];
        var pattern = (endpoint as RouteEndpoint)?.RoutePattern;
        return
        [
            .. method.GetParameters()
                .Select(p => (Parameter: p, Enum: Nullable.GetUnderlyingType(p.ParameterType) ?? p.ParameterType))
                .Where(p => p.Enum.IsEnum && !p.Parameter.GetCustomAttributes().Any(a => a is IFromHeaderMetadata or IFromBodyMetadata))
                .Select(p =>
                {
                    var fromRoute = p.Parameter.GetCustomAttributes().OfType<IFromRouteMetadata>().FirstOrDefault();
                    var fromQuery = p.Parameter.GetCustomAttributes().OfType<IFromQueryMetadata>().FirstOrDefault();
                    var name = fromRoute?.Name ?? fromQuery?.Name ?? p.Parameter.Name!;
                    var inRoute = fromRoute is not null || (fromQuery is null && pattern?.GetParameter(name) is not null);
                    return new EnumParameter(name, p.Enum, inRoute);
                }),
        ];
    }
}
