using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Workflow.Engine.Definitions;
using Workflow.Persistence.Definitions;
using Workflow.Server.Diagrams;
using Workflow.Server.Tests.Support;

namespace Workflow.Server.Tests.Diagrams;

/// <summary>Every definition in workflows/ as the service publishes it, drawn and checked; the drawings are left in TestResults/diagrams for a person to look at.</summary>
public sealed class DefinitionDiagramTests(ServiceFactory factory) : IClassFixture<ServiceFactory>
{
    public static TheoryData<string> Definitions() =>
        [.. Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "workflows"), "*.json")
            .Select(f => Path.GetFileNameWithoutExtension(f)!).Where(n => n != "schema").Order(StringComparer.Ordinal)];

    public static string OutputFolder => Directory.CreateDirectory(Path.Combine(AppContext.BaseDirectory, "TestResults", "diagrams")).FullName;

    private async Task<WorkflowDefinition> PublishedAsync(string id)
    {
        factory.CreateClient().Dispose();
        return await factory.Services.GetRequiredService<DefinitionStore>().GetAsync(id);
    }

    private WorkflowDiagram Diagram => factory.Services.GetRequiredService<WorkflowDiagram>();

    [Theory]
    [MemberData(nameof(Definitions))]
    public async Task EveryDefinition_IsWellFormedSvg_WithANodePerActivity_AndAnEdgePerConnection(string id)
    {
        var definition = await PublishedAsync(id);
        var svg = Diagram.Render(definition);
        await File.WriteAllTextAsync(Path.Combine(OutputFolder, $"{id}.svg"), svg);

        var shape = new SvgShape(svg);
        Assert.Equal("img", (string?)shape.Root.Attribute("role"));
        Assert.Contains(definition.Name, shape.Title);
        Assert.Contains(definition.Name, shape.Description);
        Assert.Equal(definition.Activities.Select(a => a.Id).Order(), shape.Nodes.Select(n => (string)n.Attribute("data-activity")!).Order());
        var connections = definition.Activities.SelectMany(a => a.Next.Select(n => (a.Id, n.Key, n.Value))).Order().ToList();
        Assert.Equal(connections, shape.Edges.Select(e => ((string)e.Attribute("data-from")!, (string)e.Attribute("data-outcome")!, (string)e.Attribute("data-to")!)).Order());
        // Nothing that runs or fetches: no script, no link, no event handler.
        Assert.DoesNotContain(shape.Root.DescendantsAndSelf(), e => e.Name.LocalName is "script" or "foreignObject" or "image" or "use" or "a" or "style");
        Assert.DoesNotContain(shape.Root.DescendantsAndSelf().SelectMany(e => e.Attributes()), a => a.Name.LocalName is "href" || a.Name.LocalName.StartsWith("on", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Definitions))]
    public async Task EveryDefinition_HasNoOverlappingBoxes_AndEveryLabelInsideTheCanvas(string id)
    {
        var definition = await PublishedAsync(id);
        foreach (var words in new[] { DiagramWords.Chinese, DiagramWords.English })
        {
            var layout = Diagram.LayoutOf(definition, words);
            var (width, height) = SvgDiagram.Canvas(layout, words, legend: true);
            var nodes = layout.Nodes.Select(n => (n.Node.Id, Left: n.Left, Top: n.Top, Right: n.Right, Bottom: n.Bottom)).ToList();
            var labels = layout.Edges.Where(e => e.Label is not null)
                .Select(e => ($"{e.Edge.From}.{e.Edge.Outcome}", Left: e.Label!.Value.X - e.Edge.LabelWidth / 2, Top: e.Label.Value.Y - DiagramGraph.LabelHeight / 2,
                    Right: e.Label.Value.X + e.Edge.LabelWidth / 2, Bottom: e.Label.Value.Y + DiagramGraph.LabelHeight / 2)).ToList();
            var boxes = nodes.Concat(labels).ToList();
            for (var i = 0; i < boxes.Count; i++)
                for (var j = i + 1; j < boxes.Count; j++)
                    Assert.False(boxes[i].Left < boxes[j].Right && boxes[j].Left < boxes[i].Right && boxes[i].Top < boxes[j].Bottom && boxes[j].Top < boxes[i].Bottom,
                        $"{id} ({words.Language}): {boxes[i].Item1} overlaps {boxes[j].Item1}");
            foreach (var placed in layout.Nodes)
                Assert.All(placed.Node.Lines, line => Assert.True(DiagramText.Width(line, DiagramGraph.FontSize) <= placed.Node.Width - 8, $"'{line}' is wider than {placed.Node.Id}"));

            var shape = new SvgShape(SvgDiagram.Write(definition.Name, layout, words, EmptyProgress));
            Assert.Equal((SvgDiagram.F(width), SvgDiagram.F(height)), (SvgDiagram.F(shape.Width), SvgDiagram.F(shape.Height)));
            foreach (var text in shape.Texts)
            {
                var (x, y, size) = ((double)text.Attribute("x")!, (double)text.Attribute("y")!, (double)text.Attribute("font-size")!);
                var half = DiagramText.Width(text.Value, size) / 2;
                var (left, right) = (string?)text.Attribute("text-anchor") == "start" ? (x, x + 2 * half) : (x - half, x + half);
                Assert.True(left >= 0 && right <= shape.Width && y - size >= 0 && y <= shape.Height, $"{id} ({words.Language}): '{text.Value}' at {x},{y} leaves the {shape.Width}×{shape.Height} canvas");
            }
        }
    }

    private static readonly DiagramProgress EmptyProgress = new(new HashSet<string>(), new HashSet<string>(), new HashSet<string>(), new Dictionary<Connection, int>(), false, null);

    [Fact]
    public async Task TheWordsOnTheArrows_AreChineseFirst_AndEnglishWhenAskedFor()
    {
        var definition = await PublishedAsync("approval");
        var chinese = new SvgShape(Diagram.Render(definition)).Texts.Select(t => t.Value).ToList();
        var english = new SvgShape(Diagram.Render(definition, culture: CultureInfo.GetCultureInfo("en-GB"))).Texts.Select(t => t.Value).ToList();
        Assert.Contains("退回", chinese);
        Assert.Contains("审批组建申请", chinese);
        Assert.Contains("return", english);
        Assert.DoesNotContain("退回", english);
        // Titles are the definition's own, in whatever language it was written.
        Assert.Contains("审批组建申请", english);
    }

    [Fact]
    public async Task ALayout_IsComputedOncePerPublishedVersion()
    {
        var definition = await PublishedAsync("founding");
        Assert.Same(Diagram.LayoutOf(definition, DiagramWords.Chinese), Diagram.LayoutOf(definition, DiagramWords.Chinese));
        Assert.NotSame(Diagram.LayoutOf(definition, DiagramWords.Chinese), Diagram.LayoutOf(definition, DiagramWords.English));
    }
}
