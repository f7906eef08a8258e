using System.ComponentModel.DataAnnotations;

namespace Workflow.Federation.Common;

/// <summary>
/// A request member that must be sent and not be null. Empty or blank text passes: what a value must say is for the
/// rules to judge, with their own coded reasons (a blank rotation reason is refused by the rotation rules, not here).
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter | AttributeTargets.Field)]
public sealed class PresentAttribute : RequiredAttribute
{
    public PresentAttribute() => AllowEmptyStrings = true;
}
