using System.ComponentModel.DataAnnotations;

namespace Workflow.Federation.Common;

/// <summary>
/// Request validation for a name field, so that garbled text is refused before any handler runs. It asks
/// <see cref="NameCheck"/>, which the services also ask: a name is refused the same way whichever way it comes in.
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter | AttributeTargets.Field)]
public sealed class PersonOrPlaceNameAttribute : ValidationAttribute
{
    protected override ValidationResult? IsValid(object? value, ValidationContext validationContext)
    {
        var field = validationContext.MemberName ?? validationContext.DisplayName;
        return value is string name && NameCheck.Problem(field, name) is { } problem
            ? new ValidationResult(problem.Reason.ZhCn, [field])
            : ValidationResult.Success;
    }
}
