using Microsoft.AspNetCore.Html;
using Workflow.Server.Pages.Coverage;

namespace Workflow.Server.Tests.Pages;

/// <summary>The server-drawn charts: named for screen readers, one bar per value with its number, text escaped.</summary>
public sealed class SvgChartTests
{
    [Fact]
    public void GroupedBars_DrawOneBarPerValue_WithItsNumberAndATitle_AndSkipAMissingValue()
    {
        var svg = ((HtmlString)SvgChart.GroupedBars("c", "已建与应建", "各村的已建和应建数", ["东村", "<西村>"],
            [new ChartSeries("已建", "series-founded", [3, null]), new ChartSeries("应建", "series-eligible", [8, 2])])).Value!;

        Assert.Contains("role=\"img\" aria-labelledby=\"c-title c-desc\"><title id=\"c-title\">已建与应建</title><desc id=\"c-desc\">各村的已建和应建数</desc>", svg, StringComparison.Ordinal);
        Assert.Equal(3, System.Text.RegularExpressions.Regex.Count(svg, "<rect class=\"series-(founded|eligible)\"[^>]*><title>"));
        Assert.Contains("<title>东村 已建：3</title>", svg, StringComparison.Ordinal);
        Assert.Contains("<title>&lt;西村&gt; 应建：2</title>", svg, StringComparison.Ordinal);
        Assert.DoesNotContain("<西村>", svg, StringComparison.Ordinal);
    }

    [Fact]
    public void ManyGroups_MakeAWideChart_ThatScrollsInsteadOfShrinking()
    {
        var regions = Enumerable.Range(1, 30).Select(i => $"第{i}镇").ToList();
        var wide = ((HtmlString)SvgChart.GroupedBars("w", "t", "d", regions, [new ChartSeries("已建", "a", [.. regions.Select(_ => (double?)1)])])).Value!;
        var narrow = ((HtmlString)SvgChart.GroupedBars("n", "t", "d", regions[..2], [new ChartSeries("已建", "a", [1, 2])])).Value!;
        Assert.StartsWith("<svg id=\"w\" class=\"chart wide\"", wide, StringComparison.Ordinal);
        Assert.StartsWith("<svg id=\"n\" class=\"chart\"", narrow, StringComparison.Ordinal);
    }

    [Fact]
    public void PercentBars_WriteAShareWithoutOneAsADash()
    {
        var svg = ((HtmlString)SvgChart.PercentBars("k", "重点单位覆盖率", "d", ["东村", "西村"], [62.5, null], "series-key")).Value!;
        Assert.Contains("<title>东村：62.5%</title>", svg, StringComparison.Ordinal);
        Assert.Contains(">—</text>", svg, StringComparison.Ordinal);
    }
}
