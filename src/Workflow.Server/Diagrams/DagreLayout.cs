using System.Text.Json;
using Jint;

namespace Workflow.Server.Diagrams;

internal readonly record struct Point(double X, double Y);

/// <summary>A node placed: <see cref="X"/> and <see cref="Y"/> are its centre.</summary>
internal sealed record PlacedNode(DiagramNode Node, double X, double Y)
{
    public double Left => X - Node.Width / 2;
    public double Top => Y - Node.Height / 2;
    public double Right => X + Node.Width / 2;
    public double Bottom => Y + Node.Height / 2;
}

/// <summary>An edge routed: the points of its line, from the source's border to the target's, and the centre of its label if it has one.</summary>
internal sealed record RoutedEdge(DiagramEdge Edge, IReadOnlyList<Point> Points, Point? Label);

internal sealed record DiagramLayout(double Width, double Height, IReadOnlyList<PlacedNode> Nodes, IReadOnlyList<RoutedEdge> Edges);

/// <summary>
/// Lays a graph out with dagre (a layered, Sugiyama-style layout; docs/decisions/0002), run inside Jint. dagre is loaded
/// once; an engine is not thread-safe, so layouts take turns. They are rare: a layout is cached per definition version.
/// </summary>
internal sealed class DagreLayout : IDisposable
{
    /// <summary>
    /// dagre 3 copies its layer matrices (arrays of node ids) with the browser's <c>structuredClone</c>, which is not
    /// ECMAScript and so not in Jint; a JSON round trip copies such plain data the same way.
    /// </summary>
    private const string Prelude = "function structuredClone(value) { return value === undefined ? undefined : JSON.parse(JSON.stringify(value)); }";

    private const string Glue = """
        function layoutGraph(input) {
          var spec = JSON.parse(input);
          var g = new dagre.graphlib.Graph({ multigraph: true });
          g.setGraph({ rankdir: 'TB', nodesep: 28, ranksep: 34, edgesep: 14, marginx: 0, marginy: 0 });
          spec.nodes.forEach(function (n) { g.setNode(n.id, { width: n.width, height: n.height }); });
          spec.edges.forEach(function (e, i) {
            g.setEdge(e.from, e.to, { width: e.width, height: e.height, labelpos: 'c', weight: e.weight }, 'e' + i);
          });
          dagre.layout(g);
          var out = { width: g.graph().width, height: g.graph().height, nodes: {}, edges: [] };
          g.nodes().forEach(function (id) { var n = g.node(id); out.nodes[id] = [n.x, n.y]; });
          g.edges().forEach(function (ref) {
            var e = g.edge(ref);
            out.edges.push({ index: +ref.name.substring(1), points: e.points.map(function (p) { return [p.x, p.y]; }), label: e.x === undefined ? null : [e.x, e.y] });
          });
          return JSON.stringify(out);
        }
        """;

    private readonly Lock _turn = new();
    private readonly Jint.Engine _engine;

    public DagreLayout()
    {
        using var stream = typeof(DagreLayout).Assembly.GetManifestResourceStream("Workflow.Server.Diagrams.dagre.min.js")
            ?? throw new InvalidOperationException("the dagre bundle is not embedded in the server assembly");
        using var reader = new StreamReader(stream);
        // The script is ours (the vendored bundle and the glue above) and the input is plain numbers and ids, so the
        // limits only stop a layout that would never end.
        _engine = new Jint.Engine(o => o.TimeoutInterval(TimeSpan.FromSeconds(30)).MaxStatements(50_000_000).Strict());
        _engine.Execute(Prelude);
        _engine.Execute(reader.ReadToEnd());
        _engine.Execute(Glue);
    }

    public DiagramLayout Layout(DiagramGraph graph)
    {
        // An edge into an end (rejected, withdrawn) pulls less than the path through the work, so the ends that many steps
        // lead to do not drag the main path sideways: on founding this makes the drawing a quarter narrower.
        var ends = graph.Nodes.Where(n => n.Shape == NodeShape.End).Select(n => n.Id).ToHashSet(StringComparer.Ordinal);
        var input = JsonSerializer.Serialize(new
        {
            nodes = graph.Nodes.Select(n => new { id = n.Id, width = n.Width, height = n.Height }),
            edges = graph.Edges.Select(e => new
            {
                from = e.From, to = e.To, width = e.LabelWidth, height = e.Label is null ? 0 : DiagramGraph.LabelHeight, weight = ends.Contains(e.To) ? 1 : 4,
            }),
        });
        string output;
        lock (_turn) output = _engine.Invoke("layoutGraph", input).AsString();
        using var result = JsonDocument.Parse(output);
        var root = result.RootElement;
        var centres = root.GetProperty("nodes");
        var nodes = graph.Nodes.Select(n =>
        {
            var c = centres.GetProperty(n.Id);
            return new PlacedNode(n, c[0].GetDouble(), c[1].GetDouble());
        }).ToList();
        var edges = root.GetProperty("edges").EnumerateArray()
            .Select(e => (Index: e.GetProperty("index").GetInt32(), Route: e))
            .OrderBy(e => e.Index)
            .Select(e => new RoutedEdge(graph.Edges[e.Index], e.Route.GetProperty("points").EnumerateArray().Select(PointOf).ToList(),
                e.Route.GetProperty("label").ValueKind == JsonValueKind.Null ? null : PointOf(e.Route.GetProperty("label"))))
            .ToList();
        return new DiagramLayout(root.GetProperty("width").GetDouble(), root.GetProperty("height").GetDouble(), nodes, edges);
    }

    public void Dispose() => _engine.Dispose();

    private static Point PointOf(JsonElement pair) => new(pair[0].GetDouble(), pair[1].GetDouble());
}
