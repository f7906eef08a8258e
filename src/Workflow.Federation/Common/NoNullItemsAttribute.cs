using System.Collections;
using System.ComponentModel.DataAnnotations;

namespace Workflow.Federation.Common;

/// <summary>
/// A list whose items may not be null: <c>[null]</c> in a request would otherwise reach the rules as an item
/// that is not there. Request validation checks it before any handler runs.
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter | AttributeTargets.Field)]
public sealed class NoNullItemsAttribute : ValidationAttribute
{
    public NoNullItemsAttribute()
        : base("The {0} field must not hold null items.")
    {
    }

    public override bool IsValid(object? value) => value is not IEnumerable items || items.Cast<object?>().All(item => item is not null);
}
