using System.Globalization;
using System.Text;
using System.Xml;

namespace Workflow.Server.Diagrams;

/// <summary>
/// Draws a laid-out definition as SVG. Styling is in presentation attributes only (no style element, no script, no
/// reference outside the document), so the SVG survives a strict Content-Security-Policy, inline or as an image.
/// State is shown twice, for readers who do not see colour: the current step has a thick border and a 当前 badge, the path
/// taken has thicker lines and check marks, and what was not reached is pale.
/// </summary>
internal static class SvgDiagram
{
    public const double Margin = 18;
    private const double LegendHeight = 30;
    private const string Fonts = "'Noto Sans CJK SC','Source Han Sans SC','Microsoft YaHei','PingFang SC','Hiragino Sans GB',sans-serif";

    private sealed record Look(string Stroke, double StrokeWidth, string Fill, string Text, string Caption);

    private static readonly Dictionary<NodeState, Look> s_looks = new()
    {
        [NodeState.Plain] = new("#374151", 1.5, "#ffffff", "#111827", "#4b5563"),
        [NodeState.Pending] = new("#9ca3af", 1.25, "#f9fafb", "#4b5563", "#6b7280"),
        [NodeState.Visited] = new("#15803d", 2, "#f0fdf4", "#14532d", "#166534"),
        [NodeState.Current] = new("#1d4ed8", 3.5, "#dbeafe", "#1e3a8a", "#1e40af"),
        [NodeState.Faulted] = new("#b91c1c", 3.5, "#fee2e2", "#7f1d1d", "#991b1b"),
    };

    public static (double Width, double Height) Canvas(DiagramLayout layout, DiagramWords words, bool legend) =>
        (Math.Max(layout.Width, legend ? LegendWidth(words) : 0) + 2 * Margin, layout.Height + 2 * Margin + (legend ? LegendHeight : 0));

    public static string Write(string definitionName, DiagramLayout layout, DiagramWords words, DiagramProgress? progress)
    {
        var (width, height) = Canvas(layout, words, progress is not null);
        var dx = (width - layout.Width) / 2;
        var text = new StringBuilder();
        using (var xml = XmlWriter.Create(text, new XmlWriterSettings { OmitXmlDeclaration = true, ConformanceLevel = ConformanceLevel.Fragment }))
        {
            var w = new Writer(xml, dx, Margin);
            xml.WriteStartElement("svg", "http://www.w3.org/2000/svg");
            w.Attr("viewBox", $"0 0 {F(width)} {F(height)}");
            w.Attr("width", F(width));
            w.Attr("height", F(height));
            w.Attr("role", "img");
            w.Attr("aria-label", DiagramText.Clean(words.Title(definitionName)));
            w.Attr("lang", words.Language);
            w.Attr("font-family", Fonts);
            w.Attr("class", "workflow-diagram");
            xml.WriteElementString("title", DiagramText.Clean(words.Title(definitionName)));
            xml.WriteElementString("desc", DiagramText.Clean(Describe(definitionName, layout, words, progress)));
            foreach (var edge in layout.Edges) WriteEdge(w, edge, layout, progress);
            foreach (var node in layout.Nodes) WriteNode(w, node, words, progress?.StateOf(node.Node.Id) ?? NodeState.Plain);
            foreach (var edge in layout.Edges.Where(e => e.Label is not null)) WriteLabel(w, edge, words, progress);
            if (progress is not null) WriteLegend(w, words, height - Margin - LegendHeight / 2 + 6, width);
            xml.WriteEndElement();
        }
        return text.ToString();
    }

    private static string Describe(string definitionName, DiagramLayout layout, DiagramWords words, DiagramProgress? progress)
    {
        var summary = words.Summary(definitionName, layout.Nodes.Count);
        if (progress is null) return summary;
        string TitleOf(string id) => layout.Nodes.FirstOrDefault(n => n.Node.Id == id) is { } n ? string.Concat(n.Node.Lines) : id;
        var parts = new List<string> { summary };
        if (progress.Faulted.Count > 0) parts.Add(words.Faulted(progress.Faulted.Select(TitleOf)));
        if (progress.Current.Count > 0) parts.Add(words.Now(progress.Current.Select(TitleOf)));
        else if (progress.Finished) parts.Add(words.Finished(progress.Result));
        parts.Add(words.Visited(progress.Visited.Count(v => !progress.Current.Contains(v))));
        return words.Sentences(parts);
    }

    private static void WriteNode(Writer w, PlacedNode placed, DiagramWords words, NodeState state)
    {
        var node = placed.Node;
        var look = s_looks[state];
        w.Xml.WriteStartElement("g");
        w.Attr("class", $"node {state.ToString().ToLowerInvariant()}");
        w.Attr("data-activity", DiagramText.Clean(node.Id));
        w.Attr("data-shape", node.Shape.ToString().ToLowerInvariant());
        w.Attr("data-state", state.ToString().ToLowerInvariant());
        var (left, top, right, bottom) = (placed.Left, placed.Top, placed.Right, placed.Bottom);
        switch (node.Shape)
        {
            case NodeShape.Decision:
                w.Polygon([new(placed.X, top), new(right, placed.Y), new(placed.X, bottom), new(left, placed.Y)], look.Fill, look.Stroke, look.StrokeWidth);
                w.Lines(node.Lines, placed.X, placed.Y - node.Lines.Count * DiagramGraph.LineHeight / 2, DiagramGraph.FontSize, look.Text);
                break;
            case NodeShape.Bar:
                var bar = state switch { NodeState.Pending => "#e5e7eb", NodeState.Plain => "#374151", _ => look.Stroke };
                w.Rect(left, top, node.Width, node.Height, 4, bar, state == NodeState.Pending ? "#9ca3af" : bar, 1);
                w.Text(node.Lines[0], placed.X, placed.Y, DiagramGraph.CaptionSize, state == NodeState.Pending ? "#374151" : "#ffffff", bold: true);
                break;
            case NodeShape.Start or NodeShape.End:
                w.Rect(left, top, node.Width, node.Height, node.Height / 2, look.Fill, look.Stroke, look.StrokeWidth);
                // An end has a double border, as in BPMN's thick end event: the instance stops there.
                if (node.Shape == NodeShape.End)
                    w.Rect(left + 3.5, top + 3.5, node.Width - 7, node.Height - 7, node.Height / 2 - 3.5, "none", look.Stroke, 1);
                WriteBoxText(w, placed, look, 7);
                break;
            default:
                w.Rect(left, top, node.Width, node.Height, 6, look.Fill, look.Stroke, look.StrokeWidth, dashed: node.Shape == NodeShape.System);
                WriteBoxText(w, placed, look, 10);
                if (node.Shape == NodeShape.Timer) w.Clock(left + 16, placed.Y, 8, look.Stroke);
                if (node.Shape == NodeShape.Child) w.ChildMarker(placed.X, bottom - 9, look.Stroke);
                if (state == NodeState.Visited) w.Check(left + 5, top + 5, look.Stroke);
                break;
        }
        if (state is NodeState.Current or NodeState.Faulted) w.Badge(state == NodeState.Current ? words.CurrentBadge : words.FaultBadge, right, top, look.Stroke);
        w.Xml.WriteEndElement();
    }

    private static void WriteBoxText(Writer w, PlacedNode placed, Look look, double padding)
    {
        var node = placed.Node;
        var x = placed.X + (node.Shape == NodeShape.Timer ? 11 : 0);
        var top = placed.Top + padding;
        w.Lines(node.Lines, x, top, DiagramGraph.FontSize, look.Text);
        if (node.Caption is not null)
            w.Text(node.Caption, x, top + node.Lines.Count * DiagramGraph.LineHeight + DiagramGraph.CaptionSize / 2 + 2, DiagramGraph.CaptionSize, look.Caption);
    }

    private static void WriteEdge(Writer w, RoutedEdge routed, DiagramLayout layout, DiagramProgress? progress)
    {
        var edge = routed.Edge;
        var count = progress?.Taken.GetValueOrDefault(new Connection(edge.From, edge.Outcome)) ?? 0;
        var state = progress is null ? "plain" : count > 0 ? "taken" : "pending";
        var (stroke, width) = state switch { "taken" => ("#15803d", 2.5), "pending" => ("#9ca3af", 1.25), _ => ("#4b5563", 1.5) };
        var points = EdgeGeometry.Clip(routed, layout);
        w.Xml.WriteStartElement("g");
        w.Attr("class", $"edge {state}");
        w.Attr("data-from", DiagramText.Clean(edge.From));
        w.Attr("data-outcome", DiagramText.Clean(edge.Outcome));
        w.Attr("data-to", DiagramText.Clean(edge.To));
        w.Attr("data-state", state);
        if (count > 0) w.Attr("data-count", count.ToString(CultureInfo.InvariantCulture));
        var (line, head) = EdgeGeometry.Arrow(points);
        w.Xml.WriteStartElement("path");
        w.Attr("d", EdgeGeometry.Smooth(line, w.Dx, w.Dy));
        w.Attr("fill", "none");
        w.Attr("stroke", stroke);
        w.Attr("stroke-width", F(width));
        w.Xml.WriteEndElement();
        w.Polygon(head, stroke, stroke, 1);
        w.Xml.WriteEndElement();
    }

    private static void WriteLabel(Writer w, RoutedEdge routed, DiagramWords words, DiagramProgress? progress)
    {
        var edge = routed.Edge;
        var count = progress?.Taken.GetValueOrDefault(new Connection(edge.From, edge.Outcome)) ?? 0;
        var label = count > 1 ? edge.Label + words.Times(count) : edge.Label!;
        var colour = progress is null ? "#374151" : count > 0 ? "#14532d" : "#4b5563";
        var labelWidth = Math.Max(edge.LabelWidth, DiagramGraph.LabelWidthOf(label));
        var centre = routed.Label!.Value;
        w.Xml.WriteStartElement("g");
        w.Attr("class", "label");
        w.Attr("data-from", DiagramText.Clean(edge.From));
        w.Attr("data-outcome", DiagramText.Clean(edge.Outcome));
        w.Rect(centre.X - labelWidth / 2, centre.Y - DiagramGraph.LabelHeight / 2, labelWidth, DiagramGraph.LabelHeight, 3, "#ffffff", count > 0 ? "#15803d" : "none", 1);
        w.Text(label, centre.X, centre.Y, DiagramGraph.LabelSize, colour, bold: count > 0);
        w.Xml.WriteEndElement();
    }

    private static double LegendWidth(DiagramWords words) =>
        new[] { words.LegendCurrent, words.LegendVisited, words.LegendPending }.Sum(t => 22 + DiagramText.Width(t, DiagramGraph.CaptionSize) + 18);

    /// <param name="y">The middle of the legend's row, in canvas coordinates.</param>
    private static void WriteLegend(Writer w, DiagramWords words, double y, double canvasWidth)
    {
        w.Xml.WriteStartElement("g");
        w.Attr("class", "legend");
        var x = (canvasWidth - LegendWidth(words)) / 2 - w.Dx;
        foreach (var (text, state) in new[] { (words.LegendCurrent, NodeState.Current), (words.LegendVisited, NodeState.Visited), (words.LegendPending, NodeState.Pending) })
        {
            var look = s_looks[state];
            w.Rect(x, y - 6 - w.Dy, 16, 12, 2, look.Fill, look.Stroke, Math.Min(look.StrokeWidth, 2.5));
            w.Text(text, x + 22, y - w.Dy, DiagramGraph.CaptionSize, "#374151", anchor: "start");
            x += 22 + DiagramText.Width(text, DiagramGraph.CaptionSize) + 18;
        }
        w.Xml.WriteEndElement();
    }

    internal static string F(double value) => Math.Round(value, 1).ToString("0.#", CultureInfo.InvariantCulture);

    /// <summary>Element helpers; every coordinate is shifted by the margin so the layout's origin sits inside the canvas.</summary>
    private sealed class Writer(XmlWriter xml, double dx, double dy)
    {
        public XmlWriter Xml => xml;
        public double Dx => dx;
        public double Dy => dy;

        public void Attr(string name, string value) => xml.WriteAttributeString(name, value);

        public void Rect(double x, double y, double width, double height, double radius, string fill, string stroke, double strokeWidth, bool dashed = false)
        {
            xml.WriteStartElement("rect");
            Attr("x", F(x + dx));
            Attr("y", F(y + dy));
            Attr("width", F(width));
            Attr("height", F(height));
            Attr("rx", F(radius));
            Attr("fill", fill);
            Attr("stroke", stroke);
            Attr("stroke-width", F(strokeWidth));
            if (dashed) Attr("stroke-dasharray", "5 3");
            xml.WriteEndElement();
        }

        public void Polygon(IEnumerable<Point> points, string fill, string stroke, double strokeWidth)
        {
            xml.WriteStartElement("polygon");
            Attr("points", string.Join(" ", points.Select(p => $"{F(p.X + dx)},{F(p.Y + dy)}")));
            Attr("fill", fill);
            Attr("stroke", stroke);
            Attr("stroke-width", F(strokeWidth));
            Attr("stroke-linejoin", "round");
            xml.WriteEndElement();
        }

        /// <summary>Text centred on (x, y); the baseline sits a third of the size below the middle, which centres CJK glyphs.</summary>
        public void Text(string text, double x, double y, double size, string fill, bool bold = false, string anchor = "middle")
        {
            xml.WriteStartElement("text");
            Attr("x", F(x + dx));
            Attr("y", F(y + size * 0.36 + dy));
            Attr("font-size", F(size));
            Attr("fill", fill);
            Attr("text-anchor", anchor);
            if (bold) Attr("font-weight", "bold");
            xml.WriteString(DiagramText.Clean(text));
            xml.WriteEndElement();
        }

        public void Lines(IReadOnlyList<string> lines, double x, double top, double size, string fill)
        {
            for (var i = 0; i < lines.Count; i++) Text(lines[i], x, top + (i + 0.5) * DiagramGraph.LineHeight, size, fill);
        }

        public void Badge(string text, double right, double top, string fill)
        {
            var width = DiagramText.Width(text, DiagramGraph.CaptionSize) + 12;
            Rect(right - width - 6, top - 9, width, 17, 8.5, fill, "#ffffff", 1.5);
            Text(text, right - width / 2 - 6, top - 0.5, DiagramGraph.CaptionSize, "#ffffff", bold: true);
        }

        public void Clock(double cx, double cy, double r, string stroke)
        {
            xml.WriteStartElement("circle");
            Attr("cx", F(cx + dx));
            Attr("cy", F(cy + dy));
            Attr("r", F(r));
            Attr("fill", "#ffffff");
            Attr("stroke", stroke);
            Attr("stroke-width", "1.5");
            xml.WriteEndElement();
            Path($"M{F(cx + dx)},{F(cy + dy - r * 0.6)} L{F(cx + dx)},{F(cy + dy)} L{F(cx + dx + r * 0.5)},{F(cy + dy + r * 0.3)}", stroke, 1.5);
        }

        /// <summary>BPMN's call-activity mark: a small square with a plus.</summary>
        public void ChildMarker(double cx, double cy, string stroke)
        {
            Rect(cx - 6, cy - 6, 12, 12, 1, "#ffffff", stroke, 1.25);
            Path($"M{F(cx + dx - 3.5)},{F(cy + dy)} H{F(cx + dx + 3.5)} M{F(cx + dx)},{F(cy + dy - 3.5)} V{F(cy + dy + 3.5)}", stroke, 1.25);
        }

        public void Check(double x, double y, string stroke) =>
            Path($"M{F(x + dx)},{F(y + dy + 4)} L{F(x + dx + 3)},{F(y + dy + 7)} L{F(x + dx + 9)},{F(y + dy)}", stroke, 2);

        private void Path(string d, string stroke, double width)
        {
            xml.WriteStartElement("path");
            Attr("d", d);
            Attr("fill", "none");
            Attr("stroke", stroke);
            Attr("stroke-width", F(width));
            Attr("stroke-linecap", "round");
            xml.WriteEndElement();
        }
    }
}
