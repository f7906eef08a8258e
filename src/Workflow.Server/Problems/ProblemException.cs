namespace Workflow.Server.Problems;

/// <summary>A refusal the caller can act on; the exception handler turns it into RFC 9457 problem details with a stable type.</summary>
public sealed class ProblemException(int status, string code, string title, string? detail = null, IReadOnlyDictionary<string, object?>? extensions = null)
    : Exception(detail ?? title)
{
    public int Status { get; } = status;
    public string Code { get; } = code;
    public string Title { get; } = title;
    public string? Detail { get; } = detail;
    public IReadOnlyDictionary<string, object?> Extensions { get; } = extensions ?? new Dictionary<string, object?>();

    /// <summary>Sent as <c>Retry-After</c>: when trying again may work.</summary>
    public TimeSpan? RetryAfter { get; init; }

    public static ProblemException NotFound(string what, object id) => new(404, "not-found", "找不到 / Not found", $"{what} '{id}' does not exist or is outside your region");

    public static ProblemException Forbidden(string detail) => new(403, "forbidden", "无权操作 / Forbidden", detail);

    public const string ValidationTitle = Refusal.ValidationTitle;

    public static ProblemException Validation(params (string Field, string Message)[] errors) =>
        new(400, "validation", ValidationTitle, string.Join("; ", errors.Select(e => $"{e.Field}: {e.Message}")),
            new Dictionary<string, object?> { ["errors"] = errors.GroupBy(e => e.Field).ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray()) });

    /// <summary>The database refused the write (read-only, full or failing disk): nothing the caller sent is wrong, and nothing
    /// of the request was kept where its work is one transaction.</summary>
    public static ProblemException StorageUnavailable() =>
        new(503, "storage-unavailable", "存储暂不可用 / Storage unavailable", "the database cannot be written at the moment; try again later")
        {
            RetryAfter = TimeSpan.FromSeconds(30),
        };

    /// <summary>Another writer held the database past the busy timeout.</summary>
    public static ProblemException StorageBusy() =>
        new(503, "storage-busy", "系统繁忙 / Storage busy", "the database was busy with other writes; try again shortly")
        {
            RetryAfter = TimeSpan.FromSeconds(5),
        };

    public static ProblemException Conflict(string code, string detail, IReadOnlyDictionary<string, object?>? extensions = null) =>
        new(409, code, "冲突 / Conflict", detail, extensions);
}
