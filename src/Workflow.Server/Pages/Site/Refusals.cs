using Workflow.Federation.Common;
using Workflow.Server.Problems;

namespace Workflow.Server.Pages.Site;

/// <summary>
/// The federation services' refusals as the pages show them: each field's reason in the person's language. The status a
/// refusal answers with is <see cref="ProblemMapping.Map"/>'s, the API's one mapping, which pages call directly.
/// </summary>
public static class Refusals
{
    public static string Say(CodedMessage message) => Phrase.IsEnglish ? message.En : message.ZhCn;

    /// <summary>The reasons per field of a refused form; a refusal without fields lands under the empty key.</summary>
    public static Dictionary<string, string> Fields(Exception failure)
    {
        var errors = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        switch (failure)
        {
            case FederationValidationException invalid:
                foreach (var group in invalid.Problems.GroupBy(p => p.Field)) errors[group.Key] = string.Join(" ", group.Select(p => Say(p.Reason)));
                break;
            case FederationException federation:
                errors[""] = Say(federation.Reason);
                break;
            case RefusalException { Extensions: var extensions } when extensions.GetValueOrDefault("errors") is Dictionary<string, string[]> fields:
                foreach (var (field, messages) in fields) errors[field] = string.Join(" ", messages);
                break;
            default:
                errors[""] = ProblemMapping.Map(failure)?.Detail ?? failure.Message;
                break;
        }
        return errors;
    }
}
