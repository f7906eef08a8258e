using Workflow.Engine.Definitions;
using Workflow.Server.Pages.Admin;

namespace Workflow.Server.Tests.Pages.Admin;

public sealed class JsonLinesTests
{
    private const string Definition = """
        {
          "id": "demo",
          "activities": [
            { "id": "start", "type": "start", "next": "review" },
            {
              "id": "review",
              "type": "task",
              "next": { "approve": "nowhere" }
            }
          ]
        }
        """;

    [Theory]
    [InlineData("activities[1].next.approve", 8)]
    [InlineData("activities[0].next", 4)]
    [InlineData("activities[1].title", 5)]
    [InlineData("id", 2)]
    [InlineData("", 1)]
    [InlineData("line 9", 9)]
    public void AnErrorsPath_IsFoundOnTheLineWhereItStarts_OrOnItsNearestParent(string path, int line) =>
        Assert.Equal(line, new JsonLines(Definition).LineOf(path));

    [Fact]
    public void Annotate_PutsEachErrorUnderItsLine_AndKeepsEveryLine()
    {
        var lines = new JsonLines(Definition).Annotate([new DefinitionError("activities[1].next.approve", "unknown activity 'nowhere'")]);

        Assert.Equal(Definition.ReplaceLineEndings("\n").Split('\n').Length, lines.Count);
        var marked = Assert.Single(lines, l => l.Errors.Count > 0);
        Assert.Equal(8, marked.Number);
        Assert.Contains("\"approve\": \"nowhere\"", marked.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void MalformedJson_KeepsThePathsBeforeTheFault_AndALineOutsideTheTextIsNone()
    {
        var lines = new JsonLines("{\n  \"id\": \"demo\",\n  \"activities\": [ {\n");

        Assert.Equal(2, lines.LineOf("id"));
        Assert.Equal(3, lines.LineOf("activities[0].type"));
        Assert.Null(lines.LineOf("line 40"));
    }
}
