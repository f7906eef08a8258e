using System.Globalization;
using System.Net;
using System.Text;
using Microsoft.AspNetCore.Html;
using Workflow.Server.Pages.Site;

namespace Workflow.Server.Pages.Coverage;

/// <summary>One series of a chart: its legend text, the CSS class that colours it (site.css, no inline style under the CSP), its values.</summary>
public sealed record ChartSeries(string Label, string CssClass, IReadOnlyList<double?> Values);

/// <summary>
/// Charts drawn on the server as inline SVG (decision 0005): no script, so they work under the CSP, print, and read without
/// JavaScript. Each has a &lt;title&gt; and &lt;desc&gt; for screen readers, and its numbers written beside the bars; the page puts
/// the same figures in a table next to it. Sizes are in the viewBox's units; the SVG scales to its frame, which scrolls
/// sideways on a phone when there are many groups.
/// </summary>
public static class SvgChart
{
    private const double Top = 34, Bottom = 40, Left = 44, Right = 12, PlotHeight = 170, BarWidth = 16, GroupGap = 22;

    /// <summary>Up to this width a chart scales to its frame (site.css); a wider one keeps its size and its frame scrolls sideways.</summary>
    private const double MinWidth = 340, ScalesUpTo = 520;

    /// <summary>Bars side by side per category (a child region, a year), one colour per series; a null value draws no bar.</summary>
    public static IHtmlContent GroupedBars(string id, string title, string description, IReadOnlyList<string> categories, IReadOnlyList<ChartSeries> series,
        ChartSeries? line = null)
    {
        var legend = series.Concat(line is null ? [] : [line]).ToList();
        var width = Math.Max(Math.Max(Left + Math.Max(categories.Count, 1) * (series.Count * BarWidth + GroupGap) + Right, Left + legend.Sum(LegendWidth)), MinWidth);
        // The groups share the plot's width, each centred on its label.
        var groupWidth = (width - Left - Right) / Math.Max(categories.Count, 1);
        double Center(int c) => Left + c * groupWidth + groupWidth / 2;
        var height = Top + PlotHeight + Bottom;
        var max = NiceMax(series.Concat(line is null ? [] : [line]).SelectMany(s => s.Values).Max(v => v ?? 0));
        double Y(double value) => Top + PlotHeight - value / max * PlotHeight;
        var svg = Open(id, title, description, width, height);
        Legend(svg, legend);
        Axis(svg, max, Y, width);
        for (var c = 0; c < categories.Count; c++)
        {
            var x0 = Center(c) - series.Count * BarWidth / 2.0;
            svg.Append(CultureInfo.InvariantCulture, $"<g class=\"chart-group\">");
            for (var s = 0; s < series.Count; s++)
            {
                if (series[s].Values[c] is not { } value) continue;
                var x = x0 + s * BarWidth;
                var y = Y(value);
                svg.Append(CultureInfo.InvariantCulture,
                    $"<rect class=\"{series[s].CssClass}\" x=\"{N(x)}\" y=\"{N(y)}\" width=\"{N(BarWidth - 2)}\" height=\"{N(Top + PlotHeight - y)}\"><title>{E(categories[c])} {E(series[s].Label)}{E(Text.Colon)}{N(value)}</title></rect>");
                svg.Append(CultureInfo.InvariantCulture, $"<text class=\"chart-value\" x=\"{N(x + (BarWidth - 2) / 2)}\" y=\"{N(y - 3)}\" text-anchor=\"middle\">{N(value)}</text>");
            }
            svg.Append(CultureInfo.InvariantCulture,
                $"<text class=\"chart-category\" x=\"{N(Center(c))}\" y=\"{N(Top + PlotHeight + 16)}\" text-anchor=\"middle\">{E(Short(categories[c]))}</text></g>");
        }
        if (line is not null)
        {
            var points = line.Values.Select((v, c) => v is { } value ? $"{N(Center(c))},{N(Y(value))}" : null).OfType<string>();
            svg.Append(CultureInfo.InvariantCulture, $"<polyline class=\"{line.CssClass}\" points=\"{string.Join(' ', points)}\"/>");
            for (var c = 0; c < categories.Count; c++)
                if (line.Values[c] is { } value)
                    svg.Append(CultureInfo.InvariantCulture,
                        $"<circle class=\"{line.CssClass}\" cx=\"{N(Center(c))}\" cy=\"{N(Y(value))}\" r=\"3.5\"><title>{E(categories[c])} {E(line.Label)}{E(Text.Colon)}{N(value)}</title></circle>");
        }
        return Close(svg);
    }

    /// <summary>One horizontal bar per category on a 0–100 % scale, e.g. key-unit coverage; a null share reads "—".</summary>
    public static IHtmlContent PercentBars(string id, string title, string description, IReadOnlyList<string> categories, IReadOnlyList<double?> percents, string cssClass)
    {
        const double label = 96, bar = 200, row = 26, width = label + bar + 56;
        var height = Top + Math.Max(categories.Count, 1) * row + 8;
        var svg = Open(id, title, description, width, height);
        foreach (var p in new[] { 0, 50, 100 })
            svg.Append(CultureInfo.InvariantCulture,
                $"<line class=\"chart-grid\" x1=\"{N(label + bar * p / 100)}\" y1=\"{N(Top - 6)}\" x2=\"{N(label + bar * p / 100)}\" y2=\"{N(height - 8)}\"/><text class=\"chart-axis\" x=\"{N(label + bar * p / 100)}\" y=\"{N(Top - 10)}\" text-anchor=\"middle\">{p}%</text>");
        for (var c = 0; c < categories.Count; c++)
        {
            var y = Top + c * row;
            svg.Append(CultureInfo.InvariantCulture, $"<g class=\"chart-group\"><text class=\"chart-category\" x=\"{N(label - 6)}\" y=\"{N(y + 16)}\" text-anchor=\"end\">{E(Short(categories[c]))}</text>");
            if (percents[c] is { } percent)
                svg.Append(CultureInfo.InvariantCulture,
                    $"<rect class=\"{cssClass}\" x=\"{N(label)}\" y=\"{N(y + 4)}\" width=\"{N(bar * Math.Clamp(percent, 0, 100) / 100)}\" height=\"16\"><title>{E(categories[c])}{E(Text.Colon)}{N(percent)}%</title></rect>");
            svg.Append(CultureInfo.InvariantCulture,
                $"<text class=\"chart-value\" x=\"{N(label + bar + 6)}\" y=\"{N(y + 16)}\">{(percents[c] is { } shown ? N(shown) + "%" : "—")}</text></g>");
        }
        return Close(svg);
    }

    private static StringBuilder Open(string id, string title, string description, double width, double height) =>
        new StringBuilder().Append(CultureInfo.InvariantCulture,
            $"<svg id=\"{id}\" class=\"chart{(width > ScalesUpTo ? " wide" : "")}\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {N(width)} {N(height)}\" width=\"{N(width)}\" height=\"{N(height)}\" role=\"img\" aria-labelledby=\"{id}-title {id}-desc\">"
            + $"<title id=\"{id}-title\">{E(title)}</title><desc id=\"{id}-desc\">{E(description)}</desc>");

    private static HtmlString Close(StringBuilder svg) => new(svg.Append("</svg>").ToString());

    private static void Legend(StringBuilder svg, IReadOnlyList<ChartSeries> series)
    {
        var x = Left;
        foreach (var s in series)
        {
            svg.Append(CultureInfo.InvariantCulture,
                $"<rect class=\"{s.CssClass}\" x=\"{N(x)}\" y=\"6\" width=\"12\" height=\"12\"/><text class=\"chart-legend\" x=\"{N(x + 16)}\" y=\"16\">{E(s.Label)}</text>");
            x += LegendWidth(s);
        }
    }

    /// <summary>A legend entry's room: the swatch and about 12 units per character (CJK text at 11 px is about square).</summary>
    private static double LegendWidth(ChartSeries series) => 28 + series.Label.Length * 12;

    private static void Axis(StringBuilder svg, double max, Func<double, double> y, double width)
    {
        foreach (var tick in new[] { 0, max / 2, max })
            svg.Append(CultureInfo.InvariantCulture,
                $"<line class=\"chart-grid\" x1=\"{N(Left)}\" y1=\"{N(y(tick))}\" x2=\"{N(width - Right)}\" y2=\"{N(y(tick))}\"/><text class=\"chart-axis\" x=\"{N(Left - 4)}\" y=\"{N(y(tick) + 4)}\" text-anchor=\"end\">{N(tick)}</text>");
    }

    /// <summary>The axis top: 1, 2 or 5 times a power of ten, at least the largest value (and at least 1, so an empty chart has a scale).</summary>
    internal static double NiceMax(double value)
    {
        if (value <= 1) return 1;
        var power = Math.Pow(10, Math.Floor(Math.Log10(value)));
        foreach (var step in new[] { 1, 2, 5, 10 })
            if (step * power >= value) return step * power;
        return 10 * power;
    }

    /// <summary>Long region names are cut under the bars (the table and the tooltip carry them whole).</summary>
    private static string Short(string text) => text.Length <= 6 ? text : text[..5] + "…";

    private static string N(double value) => Math.Round(value, 1).ToString("0.#", CultureInfo.InvariantCulture);

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
