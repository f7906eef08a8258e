namespace Workflow.Server.Regions;

/// <summary>A node of the region tree, keyed by administrative code: district (6 digits) → township/street (9) → village/community (12).</summary>
public sealed class RegionRow
{
    public required string Code { get; init; }
    public required string Name { get; set; }
    public string? ParentCode { get; init; }
    public required int Level { get; init; }
}
