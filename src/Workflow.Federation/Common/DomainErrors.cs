using Workflow.Federation.Elections;

namespace Workflow.Federation.Common;

/// <summary>
/// The rules refused the request, each reason explained. <see cref="Details"/> carries what helps the caller try again
/// (e.g. the nearest duty-group settings that would be accepted).
/// </summary>
public class RuleRefusedException(IReadOnlyList<Explanation> explanations, IReadOnlyDictionary<string, object?>? details = null)
    : FederationException(FederationError.Refused, new CodedMessage(explanations[0].Code,
        string.Join("；", explanations.Select(e => e.Chinese)), string.Join("; ", explanations.Select(e => e.English))))
{
    public IReadOnlyList<Explanation> Explanations { get; } = explanations;

    public IReadOnlyDictionary<string, object?> Details { get; } = details ?? new Dictionary<string, object?>();
}

/// <summary>
/// The record's present state does not allow the request (a meeting already held, a schedule changed meanwhile).
/// The message's code names that state and is stable for clients (<c>meeting-held</c>, <c>schedule-changed</c>).
/// </summary>
public sealed class StateConflictException(string code, string zhCn, string en)
    : FederationException(FederationError.Conflict, new CodedMessage(code, zhCn, en));

/// <summary>Shorthands for the domain's errors.</summary>
public static class Errors
{
    public static FederationException NotFound(string code, string zhCn, string en) => new(FederationError.NotFound, new CodedMessage("not-found." + code, zhCn, en));

    public static FederationException Forbidden(string code, string zhCn, string en) => new(FederationError.Forbidden, new CodedMessage("forbidden." + code, zhCn, en));

    /// <summary>One wrong field; <paramref name="code"/> is prefixed with <c>invalid.</c>.</summary>
    public static FederationValidationException Invalid(string field, string code, string zhCn, string en) => new([Field(field, code, zhCn, en)]);

    /// <summary>One problem of a request that may have several; <paramref name="code"/> is prefixed with <c>invalid.</c>.</summary>
    public static FieldProblem Field(string field, string code, string zhCn, string en) => new(field, new CodedMessage("invalid." + code, zhCn, en));
}
