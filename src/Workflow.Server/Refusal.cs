namespace Workflow.Server;

/// <summary>What kind of refusal a service makes, in the service's terms; <c>Problems/ProblemMapping</c> alone knows its status code.</summary>
public enum RefusalKind
{
    /// <summary>The record does not exist, or lies outside the caller's region (the two are not told apart).</summary>
    NotFound,

    /// <summary>The caller's role or approver kind may not do this.</summary>
    Forbidden,

    /// <summary>What was sent is malformed or incomplete; the extensions name the fields.</summary>
    Invalid,

    /// <summary>The record's state has moved on, or another writer came first.</summary>
    Conflict,

    /// <summary>Well-formed, but against a rule of the service.</summary>
    Refused,

    /// <summary>The credentials or the session are not (or no longer) valid.</summary>
    Unauthenticated,

    /// <summary>The account is locked for a while after failed sign-ins.</summary>
    Locked,
}

/// <summary>
/// A refusal by one of the host's services (accounts, tasks, regions, reminders…) that the caller can act on. It carries a
/// stable code and words, never an HTTP status: the API and the pages both turn it into what they show through the one mapping.
/// </summary>
public sealed class RefusalException(RefusalKind kind, string code, string title, string? detail = null, IReadOnlyDictionary<string, object?>? extensions = null)
    : Exception(detail ?? title)
{
    public RefusalKind Kind { get; } = kind;
    public string Code { get; } = code;
    public string Title { get; } = title;
    public string? Detail { get; } = detail;
    public IReadOnlyDictionary<string, object?> Extensions { get; } = extensions ?? new Dictionary<string, object?>();
}

/// <summary>The refusals the host's services make most, with their stable codes and words.</summary>
public static class Refusal
{
    public const string ValidationTitle = "输入有误 / Invalid input";

    public static RefusalException NotFound(string what, object id) =>
        new(RefusalKind.NotFound, "not-found", "找不到 / Not found", $"找不到 {id}，或不在您的辖区内（{what} '{id}' does not exist or is outside your region）");

    public static RefusalException Forbidden(string detail) => new(RefusalKind.Forbidden, "forbidden", "无权操作 / Forbidden", detail);

    public static RefusalException Validation(params (string Field, string Message)[] errors) =>
        new(RefusalKind.Invalid, "validation", ValidationTitle, string.Join("; ", errors.Select(e => $"{e.Field}: {e.Message}")),
            new Dictionary<string, object?> { ["errors"] = errors.GroupBy(e => e.Field).ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray()) });

    public static RefusalException Conflict(string code, string detail, IReadOnlyDictionary<string, object?>? extensions = null) =>
        new(RefusalKind.Conflict, code, "冲突 / Conflict", detail, extensions);
}
