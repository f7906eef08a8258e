using Workflow.Server.Calendar;

namespace Workflow.Server.Tests.Reminders;

public sealed class IcsWriterTests
{
    [Fact]
    public void ALongChineseLine_IsFoldedAt75OctetsWithoutSplittingACharacter()
    {
        var text = new IcsWriter().Text("SUMMARY", string.Concat(Enumerable.Repeat("轮值主席团", 10))).ToString();
        var lines = text[..^2].Split("\r\n");
        Assert.True(lines.Length > 1);
        Assert.All(lines, l => Assert.True(System.Text.Encoding.UTF8.GetByteCount(l) <= 75));
        Assert.Equal("SUMMARY:" + string.Concat(Enumerable.Repeat("轮值主席团", 10)), string.Concat(lines.Select((l, i) => i == 0 ? l : l[1..])));
    }

    [Fact]
    public void TextValues_EscapeCommasSemicolonsBackslashesAndLineBreaks() =>
        Assert.Equal(@"a\, b\; c\\d\ne", IcsWriter.Escape("a, b; c\\d\ne"));
}
