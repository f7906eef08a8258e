using System.Collections.Concurrent;
using System.Globalization;
using Workflow.Engine.Definitions;

namespace Workflow.Server.Diagrams;

/// <summary>A drawn diagram and the size it is drawn at, so a page can size its frame without reading the SVG back.</summary>
public sealed record DrawnDiagram(string Svg, double Width, double Height);

/// <summary>
/// Draws a definition as an SVG flowchart, optionally with an instance's progress on it. The layout depends only on the
/// definition and the language of its words, so it is computed once per published version (versions never change).
/// </summary>
public sealed class WorkflowDiagram
{
    private readonly DagreLayout _dagre;
    private readonly ConcurrentDictionary<(string Id, int Version, string Language), Lazy<DiagramLayout>> _layouts = new();

    internal WorkflowDiagram(DagreLayout dagre) => _dagre = dagre;

    /// <param name="culture">The language of the words the diagram adds (outcomes, who acts, the legend); zh-CN unless English is asked for.
    /// Titles are the definition's own.</param>
    public string Render(WorkflowDefinition definition, DiagramProgress? progress = null, CultureInfo? culture = null) => Draw(definition, progress, culture).Svg;

    /// <inheritdoc cref="Render"/>
    public DrawnDiagram Draw(WorkflowDefinition definition, DiagramProgress? progress = null, CultureInfo? culture = null)
    {
        var words = DiagramWords.For(culture);
        var layout = LayoutOf(definition, words);
        var (width, height) = SvgDiagram.Canvas(layout, words, progress is not null);
        return new DrawnDiagram(SvgDiagram.Write(definition.Name, layout, words, progress), width, height);
    }

    /// <summary>Whether a version's layout in a language is computed and kept.</summary>
    internal bool IsLaidOut(string definitionId, int version, string language) =>
        _layouts.TryGetValue((definitionId, version, language), out var layout) && layout.IsValueCreated;

    internal DiagramLayout LayoutOf(WorkflowDefinition definition, DiagramWords words)
    {
        // Version 0 is a definition loaded but not published (tests, validation): it has no identity to cache under.
        if (definition.Version <= 0) return _dagre.Layout(DiagramGraph.Of(definition, words));
        var key = (definition.Id, definition.Version, words.Language);
        var layout = _layouts.GetOrAdd(key, _ => new Lazy<DiagramLayout>(() => _dagre.Layout(DiagramGraph.Of(definition, words))));
        try
        {
            return layout.Value;
        }
        catch
        {
            // A layout that ran out of time on a busy machine is tried again by the next request instead of staying broken.
            _layouts.TryRemove(new KeyValuePair<(string, int, string), Lazy<DiagramLayout>>(key, layout));
            throw;
        }
    }
}
