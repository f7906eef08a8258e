using System.Text.Json;

namespace Workflow.Server.Problems;

/// <summary>
/// Gives problems the framework writes itself (request validation, 404 for a path that matches no route, 405, 413
/// while reading a chunked body, 415, …) the service's stable <c>type</c> and a bilingual title, and every
/// problem the request id, so clients can switch on <c>type</c> whoever wrote the answer.
/// </summary>
internal static class ProblemDefaults
{
    public static void Customize(ProblemDetailsContext context)
    {
        var problem = context.ProblemDetails;
        problem.Extensions["requestId"] = context.HttpContext.TraceIdentifier;
        if (problem.Type?.StartsWith(ProblemTypes.Prefix, StringComparison.Ordinal) == true) return;
        var status = problem.Status ?? context.HttpContext.Response.StatusCode;
        if (problem is HttpValidationProblemDetails { Errors.Count: > 0 } validation && status == 400)
        {
            var errors = validation.Errors.ToDictionary(e => JsonFieldPath(e.Key), e => e.Value);
            validation.Errors.Clear();
            foreach (var (field, messages) in errors) validation.Errors[field] = messages;
            problem.Type = ProblemTypes.For("validation");
            problem.Title = ProblemException.ValidationTitle;
            problem.Detail ??= string.Join("; ", errors.SelectMany(e => e.Value.Select(message => $"{e.Key}: {message}")));
            return;
        }
        var (code, title) = ForStatus(status);
        problem.Type = ProblemTypes.For(code);
        problem.Title = title ?? problem.Title;
    }

    /// <summary>"Facts.RegionCode" or "ExecutiveCandidates[0].Name" as the JSON spells it: "facts.regionCode".</summary>
    private static string JsonFieldPath(string memberPath) =>
        string.Join('.', memberPath.Split('.').Select(JsonNamingPolicy.CamelCase.ConvertName));

    private static (string Code, string? Title) ForStatus(int status) => status switch
    {
        400 => ("bad-request", "请求有误 / Bad request"),
        401 => ("unauthorized", "未登录 / Unauthorized"),
        403 => ("forbidden", "无权操作 / Forbidden"),
        404 => ("not-found", "找不到 / Not found"),
        405 => ("method-not-allowed", "不支持该方法 / Method not allowed"),
        406 => ("not-acceptable", "无法提供该格式 / Not acceptable"),
        409 => ("conflict", "冲突 / Conflict"),
        413 => ("payload-too-large", "请求过大 / Payload too large"),
        415 => ("unsupported-media-type", "不支持的内容类型 / Unsupported media type"),
        >= 500 => ("internal", InternalTitle),
        _ => ($"http-{status}", null),
    };

    public const string InternalTitle = "服务内部错误 / Internal error";
}
