namespace Workflow.Federation.Common;

/// <summary>One page of a longer list; <see cref="Total"/> counts every match.</summary>
public sealed record Page<T>(IReadOnlyList<T> Items, int PageNumber, int PageSize, int Total);

/// <summary>Paging as a caller asks for it, clamped so that no request reads the whole ledger at once.</summary>
public sealed record Paging(int PageNumber = 1, int PageSize = 50)
{
    public const int MaxPageSize = 500;

    internal int Number => Math.Max(1, PageNumber);
    internal int Size => Math.Clamp(PageSize, 1, MaxPageSize);
    internal int Skip => (Number - 1) * Size;
}
