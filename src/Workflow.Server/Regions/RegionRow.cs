namespace Workflow.Server.Regions;

/// <summary>
/// A node of the region tree, keyed by administrative code: province, city and county (6 digits, GB/T 2260) → township/street (9)
/// → village/community (12). <see cref="Level"/> is <c>RegionLevel</c> as a number, derived from the code.
/// </summary>
public sealed class RegionRow
{
    public required string Code { get; init; }
    public required string Name { get; set; }
    public string? ParentCode { get; set; }
    public required int Level { get; init; }
}
