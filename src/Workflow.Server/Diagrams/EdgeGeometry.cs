using System.Globalization;
using System.Text;

namespace Workflow.Server.Diagrams;

/// <summary>Turns dagre's edge points into a line that meets each shape's border and ends in an arrowhead.</summary>
internal static class EdgeGeometry
{
    private const double HeadLength = 8;
    private const double HeadHalfWidth = 4;

    /// <summary>
    /// dagre ends every edge on its nodes' bounding boxes; a diamond's border lies inside its box, so the ends that touch a
    /// decision are moved onto the diamond itself.
    /// </summary>
    public static IReadOnlyList<Point> Clip(RoutedEdge routed, DiagramLayout layout)
    {
        var points = routed.Points.ToList();
        if (points.Count < 2) return points;
        var from = layout.Nodes.First(n => n.Node.Id == routed.Edge.From);
        var to = layout.Nodes.First(n => n.Node.Id == routed.Edge.To);
        if (from.Node.Shape == NodeShape.Decision) points[0] = OnDiamond(from, points[1]);
        if (to.Node.Shape == NodeShape.Decision) points[^1] = OnDiamond(to, points[^2]);
        return points;
    }

    private static Point OnDiamond(PlacedNode node, Point toward)
    {
        var (dx, dy) = (toward.X - node.X, toward.Y - node.Y);
        var scale = Math.Abs(dx) / (node.Node.Width / 2) + Math.Abs(dy) / (node.Node.Height / 2);
        return scale == 0 ? toward : new Point(node.X + dx / scale, node.Y + dy / scale);
    }

    /// <summary>The line, stopped short of the target so its stroke does not poke through the arrowhead, and the head.</summary>
    public static (IReadOnlyList<Point> Line, Point[] Head) Arrow(IReadOnlyList<Point> points)
    {
        var tip = points[^1];
        var before = points[^2];
        var length = Math.Max(Math.Sqrt(Math.Pow(tip.X - before.X, 2) + Math.Pow(tip.Y - before.Y, 2)), 0.001);
        var (ux, uy) = ((tip.X - before.X) / length, (tip.Y - before.Y) / length);
        var b = new Point(tip.X - ux * HeadLength, tip.Y - uy * HeadLength);
        var head = new[] { tip, new Point(b.X - uy * HeadHalfWidth, b.Y + ux * HeadHalfWidth), new Point(b.X + uy * HeadHalfWidth, b.Y - ux * HeadHalfWidth) };
        var line = points.Take(points.Count - 1).Append(new Point(tip.X - ux * (HeadLength - 1), tip.Y - uy * (HeadLength - 1))).ToList();
        return (line, head);
    }

    /// <summary>
    /// A smooth path through every point (a Catmull-Rom spline as cubic Béziers). Passing through the points keeps the
    /// line on its label, which dagre places on one of them, and bends read better than corners where edges cross.
    /// </summary>
    public static string Smooth(IReadOnlyList<Point> points, double dx, double dy)
    {
        string P(double x, double y) => $"{SvgDiagram.F(x + dx)},{SvgDiagram.F(y + dy)}";
        var d = new StringBuilder($"M{P(points[0].X, points[0].Y)}");
        for (var i = 0; i < points.Count - 1; i++)
        {
            var (before, from, to, after) = (points[Math.Max(i - 1, 0)], points[i], points[i + 1], points[Math.Min(i + 2, points.Count - 1)]);
            d.Append(CultureInfo.InvariantCulture,
                $" C{P(from.X + (to.X - before.X) / 6, from.Y + (to.Y - before.Y) / 6)} {P(to.X - (after.X - from.X) / 6, to.Y - (after.Y - from.Y) / 6)} {P(to.X, to.Y)}");
        }
        return d.ToString();
    }
}
