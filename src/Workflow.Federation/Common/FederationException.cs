namespace Workflow.Federation.Common;

/// <summary>Stable error kinds; the HTTP layer maps them to statuses (400, 403, 404, 409, 422).</summary>
public enum FederationError
{
    Invalid,
    NotFound,
    Conflict,
    Refused,
    /// <summary>The actor may see the record but not do this to it (an invitee recording a meeting; a region outside her own).</summary>
    Forbidden,
}

public class FederationException(FederationError error, CodedMessage reason) : Exception(reason.En)
{
    public FederationError Error { get; } = error;
    public CodedMessage Reason { get; } = reason;
}

/// <summary>One problem with one field of a request, e.g. ("creditCode", 校验位应为 6).</summary>
public sealed record FieldProblem(string Field, CodedMessage Reason);

/// <summary>A request with one or more wrong fields; every problem is listed, not just the first.</summary>
public sealed class FederationValidationException(IReadOnlyList<FieldProblem> problems)
    : FederationException(FederationError.Invalid, new CodedMessage(
        "validation.failed",
        "提交的内容有误：" + string.Join("；", problems.Select(p => $"{p.Field}：{p.Reason.ZhCn}")),
        "invalid request: " + string.Join("; ", problems.Select(p => $"{p.Field}: {p.Reason.En}"))))
{
    public IReadOnlyList<FieldProblem> Problems { get; } = problems;
}

/// <summary>The organization, campaign or roster entry was changed by someone else since the caller read it.</summary>
public sealed class FederationConflictException(string what, int expectedRevision, int actualRevision)
    : FederationException(FederationError.Conflict, new CodedMessage(
        "conflict.revision",
        $"{what} 已被他人修改（您读取的是第 {expectedRevision} 版，当前为第 {actualRevision} 版），请刷新后再改",
        $"{what} was changed by someone else (you read revision {expectedRevision}, it is now {actualRevision}); reload and try again"))
{
    public int ExpectedRevision { get; } = expectedRevision;
    public int ActualRevision { get; } = actualRevision;
}

public static class NotFound
{
    public static FederationException Organization(Guid id) => new(FederationError.NotFound,
        new CodedMessage("not-found.organization", $"找不到单位 {id}", $"no organization {id}"));

    public static FederationException Campaign(Guid id) => new(FederationError.NotFound,
        new CodedMessage("not-found.campaign", $"找不到摸排批次 {id}", $"no survey campaign {id}"));

    public static FederationException RosterEntry(Guid id) => new(FederationError.NotFound,
        new CodedMessage("not-found.roster-entry", $"找不到名册记录 {id}", $"no roster entry {id}"));
}
