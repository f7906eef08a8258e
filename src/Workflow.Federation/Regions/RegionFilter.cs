using System.Linq.Expressions;
using System.Reflection;

namespace Workflow.Federation.Regions;

/// <summary>
/// "Region X and below" as a query: the code column in [P, P + ":") where P is X's prefix (<see cref="RegionCode.PrefixOf"/>), which SQLite answers from an index on the
/// column (a LIKE 'X%' would scan). Written as <c>string.Compare(column, bound) op 0</c>, the form EF Core
/// translates into a plain comparison.
/// </summary>
public static class RegionFilter
{
    private static readonly MethodInfo Compare = typeof(string).GetMethod(nameof(string.Compare), [typeof(string), typeof(string)])!;

    public static IQueryable<T> Within<T>(this IQueryable<T> rows, Expression<Func<T, string>> column, RegionCode region) =>
        rows.Within(column, region.Value);

    /// <summary>The rows whose code is <paramref name="scope"/> or lies below it, for a scope held as text (a caller's claim).</summary>
    public static IQueryable<T> Within<T>(this IQueryable<T> rows, Expression<Func<T, string>> column, string scope)
    {
        // An empty scope would contain every region: it must never widen a query by accident.
        if (scope.Length == 0) return rows.Where(_ => false);
        var code = column.Body;
        var zero = Expression.Constant(0);
        var from = Expression.GreaterThanOrEqual(Expression.Call(Compare, code, Bound(RegionCode.PrefixOf(scope))), zero);
        var to = Expression.LessThan(Expression.Call(Compare, code, Bound(RegionCode.RangeEndOf(scope))), zero);
        return rows.Where(Expression.Lambda<Func<T, bool>>(Expression.AndAlso(from, to), column.Parameters));
    }

    // A captured value, not a constant, so EF sends it as a parameter and reuses the query plan across regions.
    private static MemberExpression Bound(string value) => Expression.Property(Expression.Constant(new Holder(value)), nameof(Holder.Value));

    private sealed record Holder(string Value);
}
