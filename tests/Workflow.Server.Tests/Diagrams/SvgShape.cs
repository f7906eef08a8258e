using System.Globalization;
using System.Xml.Linq;

namespace Workflow.Server.Tests.Diagrams;

/// <summary>What a test reads back from a diagram's SVG: its nodes, edges and their states, parsed as XML.</summary>
public sealed class SvgShape
{
    private static readonly XNamespace s_svg = "http://www.w3.org/2000/svg";

    public SvgShape(string svg)
    {
        Root = XDocument.Parse(svg).Root!;
        var box = ((string)Root.Attribute("viewBox")!).Split(' ').Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray();
        (Width, Height) = (box[2], box[3]);
    }

    public XElement Root { get; }
    public double Width { get; }
    public double Height { get; }

    public IEnumerable<XElement> Groups(string kind) => Root.Elements(s_svg + "g").Where(g => ((string?)g.Attribute("class"))?.Split(' ')[0] == kind);

    public IEnumerable<XElement> Nodes => Groups("node");

    public IEnumerable<XElement> Edges => Groups("edge");

    public IEnumerable<XElement> Texts => Root.Descendants(s_svg + "text");

    public string Title => (string)Root.Element(s_svg + "title")!;

    public string Description => (string)Root.Element(s_svg + "desc")!;

    public HashSet<string> NodesIn(string state) => Nodes.Where(n => (string?)n.Attribute("data-state") == state).Select(n => (string)n.Attribute("data-activity")!).ToHashSet();

    public HashSet<(string From, string Outcome)> EdgesIn(string state) =>
        Edges.Where(e => (string?)e.Attribute("data-state") == state).Select(e => ((string)e.Attribute("data-from")!, (string)e.Attribute("data-outcome")!)).ToHashSet();

    public int? CountOf(string from, string outcome) =>
        (int?)Edges.Single(e => (string?)e.Attribute("data-from") == from && (string?)e.Attribute("data-outcome") == outcome).Attribute("data-count");
}
