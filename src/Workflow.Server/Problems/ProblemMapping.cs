using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Workflow.Engine;
using Workflow.Engine.Definitions;
using Workflow.Federation.Common;
using Workflow.Persistence.Storage;

namespace Workflow.Server.Problems;

/// <summary>Turns every known failure into problem details; anything unknown is logged and answered 500 <c>internal</c> without internals.</summary>
internal sealed class ProblemMapping(IProblemDetailsService problems, ILogger<ProblemMapping> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        // The handler already points the request at the error page: the path asked for is the feature's.
        var asked = httpContext.Features.Get<IExceptionHandlerPathFeature>()?.Path ?? httpContext.Request.Path.Value;
        var problem = Map(exception);
        if (problem is null)
        {
            // The exception stays in the log, found by the request id the caller is given; the answer shows no internals.
            logger.LogError(exception, "Unhandled failure on {Method} {Path} (request {RequestId})", httpContext.Request.Method, asked, httpContext.TraceIdentifier);
            problem = new ProblemException(500, "internal", ProblemDefaults.InternalTitle, "the request failed inside the service; quote the request id when you report it");
        }
        if (problem.Status == 503 && StorageErrors.Describe(exception) is { } storage)
            logger.LogError(exception, "The database refused {Path}: {Storage}", asked, storage);
        // A person's page answers with the error page in her language, at the status set by Options, never with a JSON body.
        if (!Accounts.PageSession.IsTokenPath(asked)) return false;
        httpContext.Response.StatusCode = problem.Status;
        if (problem.RetryAfter is { } retryAfter)
            httpContext.Response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var details = new ProblemDetails
        {
            Status = problem.Status,
            Type = ProblemTypes.For(problem.Code),
            Title = problem.Title,
            Detail = problem.Detail,
            Instance = asked,
        };
        foreach (var (key, value) in problem.Extensions) details.Extensions[key] = value;
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = httpContext, ProblemDetails = details, Exception = exception });
    }

    /// <summary>
    /// The API's failures are answered by this handler; a page's fall through to <c>Pages/Errors/Status</c>, re-executed at the
    /// status <see cref="Map"/> gives, so both speak of the same failure with the same status.
    /// </summary>
    internal static ExceptionHandlerOptions Options => new()
    {
        ExceptionHandlingPath = "/error",
        StatusCodeSelector = exception => Map(exception)?.Status ?? StatusCodes.Status500InternalServerError,
        // "Not found" is an answer here (another region's record), not a failure of the error page.
        AllowStatusCode404Response = true,
    };

    internal static ProblemException? Map(Exception exception) => exception switch
    {
        ProblemException p => p,
        RefusalException r => new ProblemException(StatusOf(r.Kind), r.Code, r.Title, r.Detail, r.Extensions),
        RuleRefusedException r => new ProblemException(422, "rule-refused", "不符合规则 / Refused by the rules", r.Reason.ZhCn,
            new Dictionary<string, object?>(r.Details) { ["explanations"] = r.Explanations, ["detailEn"] = r.Reason.En }),
        StateConflictException s => ProblemException.Conflict(s.Reason.Code, s.Reason.ZhCn, new Dictionary<string, object?> { ["detailEn"] = s.Reason.En }),
        FederationValidationException v => new ProblemException(400, "validation", ProblemException.ValidationTitle, v.Reason.ZhCn,
            new Dictionary<string, object?>
            {
                ["errors"] = v.Problems.GroupBy(p => p.Field).ToDictionary(g => g.Key, g => g.Select(p => p.Reason.ZhCn).ToArray()),
                ["problems"] = v.Problems.Select(p => new { field = p.Field, code = p.Reason.Code, zh = p.Reason.ZhCn, en = p.Reason.En }).ToArray(),
            }),
        FederationException f => new ProblemException(f.Error switch
        {
            FederationError.NotFound => 404,
            FederationError.Forbidden => 403,
            FederationError.Conflict => 409,
            FederationError.Refused => 422,
            _ => 400,
        }, f.Error switch
        {
            FederationError.NotFound => "not-found",
            FederationError.Forbidden => "forbidden",
            FederationError.Conflict => "conflict",
            FederationError.Refused => "refused",
            _ => "validation",
        }, f.Error switch
        {
            FederationError.NotFound => "找不到 / Not found",
            FederationError.Forbidden => "无权操作 / Forbidden",
            _ => "无法办理 / Cannot be done",
        }, f.Reason.ZhCn,
            new Dictionary<string, object?> { ["code"] = f.Reason.Code, ["detailEn"] = f.Reason.En }),
        ConcurrencyConflictException c => ProblemException.Conflict("concurrency-conflict", c.Message,
            new Dictionary<string, object?> { ["decidedBy"] = c.ResumedBy, ["decidedAt"] = c.ResumedAt }),
        InvalidPayloadException p => new ProblemException(400, "invalid-payload", "表单有误 / Invalid form", p.Message,
            new Dictionary<string, object?> { ["errors"] = p.Errors.GroupBy(e => e.Field).ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray()) }),
        DefinitionException d => new ProblemException(400, "definition-invalid", "流程定义有误 / Invalid definition", d.Message,
            new Dictionary<string, object?> { ["errors"] = d.Errors.Select(e => new { path = e.Path, message = e.Message }).ToArray() }),
        DecisionRefusedException { InnerException: { } reason } => Map(reason),
        WorkflowException w => w.Error switch
        {
            WorkflowError.DefinitionInvalid => new ProblemException(400, "definition-invalid", "流程定义有误 / Invalid definition", w.Message),
            WorkflowError.DefinitionNotFound or WorkflowError.InstanceNotFound or WorkflowError.BookmarkNotFound or WorkflowError.IncidentNotFound =>
                new ProblemException(404, "not-found", "找不到 / Not found", w.Message),
            WorkflowError.InstanceNotActive => ProblemException.Conflict("instance-not-active", w.Message),
            WorkflowError.ActivityFaulted => new ProblemException(422, "activity-faulted", "步骤执行失败 / Activity failed", w.Message),
            _ => null,
        },
        BadHttpRequestException { StatusCode: 413 } => new ProblemException(413, "payload-too-large", "请求过大 / Payload too large", exception.Message),
        BadHttpRequestException b when FindJsonError(b) is { } json => BodyError(json),
        BadHttpRequestException b => new ProblemException(b.StatusCode, "bad-request", "请求有误 / Bad request", b.Message),
        JsonException json => BodyError(json),
        _ when StorageErrors.IsUnavailable(exception) => ProblemException.StorageUnavailable(),
        _ when StorageErrors.IsBusy(exception) => ProblemException.StorageBusy(),
        _ => null,
    };

    private static int StatusOf(RefusalKind kind) => kind switch
    {
        RefusalKind.NotFound => StatusCodes.Status404NotFound,
        RefusalKind.Forbidden => StatusCodes.Status403Forbidden,
        RefusalKind.Conflict => StatusCodes.Status409Conflict,
        RefusalKind.Refused => StatusCodes.Status422UnprocessableEntity,
        RefusalKind.Unauthenticated => StatusCodes.Status401Unauthorized,
        RefusalKind.Locked => StatusCodes.Status423Locked,
        _ => StatusCodes.Status400BadRequest,
    };

    private static JsonException? FindJsonError(Exception? e)
    {
        for (; e is not null; e = e.InnerException)
            if (e is JsonException json) return json;
        return null;
    }

    private static ProblemException BodyError(JsonException json)
    {
        var field = string.IsNullOrEmpty(json.Path) || json.Path == "$" ? "$" : json.Path;
        // The serializer's message names CLR types; people need the field and what was wrong with it.
        var reason = json.Message.Contains("could not be mapped", StringComparison.Ordinal) ? "unknown field"
            : json.Message.Contains("could not be converted", StringComparison.Ordinal) ? "wrong type"
            : json.Message.Contains("missing required properties", StringComparison.Ordinal) ? "required field missing: " + RequiredNames(json.Message)
            : "malformed JSON";
        return new ProblemException(400, "invalid-body", "请求体有误 / Invalid request body", $"{field}: {reason}",
            new Dictionary<string, object?> { ["errors"] = new Dictionary<string, string[]> { [field] = [reason] } });
    }

    private static string RequiredNames(string message)
    {
        var colon = message.LastIndexOf(':');
        return colon < 0 ? "" : message[(colon + 1)..].Trim().TrimEnd('.');
    }
}
