using System.Text.Json.Nodes;
using Workflow.Engine.Expressions;

namespace Workflow.Engine.Tests.Expressions;

public sealed class ExpressionEvaluatorTests
{
    private static readonly DateTimeOffset s_now = new(2026, 11, 23, 1, 0, 0, TimeSpan.Zero);
    private readonly ExpressionEvaluator _evaluator = new(new ExpressionLimits { Timeout = TimeSpan.FromSeconds(2) });

    private JsonNode? Run(string expression, JsonObject? vars = null, JsonObject? input = null) =>
        _evaluator.Evaluate(expression, vars ?? [], input, s_now);

    [Fact]
    public void SeesVariablesInputAndNow()
    {
        var result = Run("({ key: vars.women > 50 && input.party !== 'none', region: input.region.substring(0, 6), year: now.substring(0, 4) })",
            new JsonObject { ["women"] = 64 }, new JsonObject { ["party"] = "own", ["region"] = "370102001" });

        Assert.Equal("""{"key":true,"region":"370102","year":"2026"}""", result!.ToJsonString());
    }

    [Fact]
    public void ChineseTextSurvivesTheRoundTrip()
    {
        Assert.Equal("章丘区明水街道妇联", Run("input.name + '妇联'", input: new JsonObject { ["name"] = "章丘区明水街道" })!.GetValue<string>());
    }

    /// <summary>A plain member path is read without Jint; in parentheses it is not, and both must answer alike, errors included.</summary>
    [Theory]
    [InlineData("input.regionCode")]
    [InlineData("input.flag")]
    [InlineData("input.count")]
    [InlineData("input.leader.name")]
    [InlineData("vars.requestId")]
    [InlineData("input.missing")]
    [InlineData("input.missing.deeper")]
    [InlineData("input.leader.name.length")]
    [InlineData("input.constructor")]
    [InlineData("input.none")]
    public void APlainPath_AnswersAsJavaScriptDoes(string path)
    {
        var vars = new JsonObject { ["requestId"] = "0193a5c2-7d1e-7000-8000-000000000001" };
        var input = new JsonObject
        {
            ["regionCode"] = "350583104201", ["flag"] = true, ["count"] = 64.0, ["none"] = null,
            ["leader"] = new JsonObject { ["name"] = "𠀀丽华" },
        };

        var viaJint = Answer(() => Run($"({path})", vars, input));
        var viaPath = Answer(() => Run(path, vars, input));

        Assert.Equal(viaJint, viaPath);
    }

    private static string Answer(Func<JsonNode?> evaluate)
    {
        try
        {
            return evaluate()?.ToJsonString() ?? "null";
        }
        catch (ExpressionException)
        {
            return "refused";
        }
    }

    [Theory]
    [InlineData("System.IO.File.ReadAllText('/etc/passwd')")]
    [InlineData("importNamespace('System.IO')")]
    [InlineData("clr.System.Environment.Exit(1)")]
    [InlineData("require('fs')")]
    public void HasNoAccessToTheClrOrModules(string expression)
    {
        Assert.Throws<ExpressionException>(() => Run(expression));
    }

    [Fact]
    public void AnEndlessLoopIsStopped()
    {
        var error = Assert.Throws<ExpressionException>(() => Run("while (true) {}"));

        Assert.Contains("while (true)", error.Message);
    }

    [Fact]
    public void RunawayRecursionIsStopped()
    {
        Assert.Throws<ExpressionException>(() => Run("function f(n) { return f(n + 1) + 1; } f(0)"));
    }

    [Fact]
    public void MemoryHogIsStopped()
    {
        var evaluator = new ExpressionEvaluator(new ExpressionLimits { Statements = 100_000_000, Timeout = TimeSpan.FromSeconds(20) });

        Assert.Throws<ExpressionException>(() => evaluator.Evaluate("var a = []; for (;;) { a.push('x'.repeat(100000)); }", [], null, s_now));
    }

    [Fact]
    public void SlowScriptIsStoppedByTheTimeLimit()
    {
        var evaluator = new ExpressionEvaluator(new ExpressionLimits { Statements = int.MaxValue, Timeout = TimeSpan.FromMilliseconds(100) });

        Assert.Throws<ExpressionException>(() => evaluator.Evaluate("for (;;) { Math.sqrt(2); }", [], null, s_now));
    }

    [Fact]
    public void ExpressionsCannotChangeTheVariablesTheyRead()
    {
        var vars = new JsonObject { ["n"] = 1 };

        Run("vars.n = 99; vars.n", vars);

        Assert.Equal(1, vars["n"]!.GetValue<int>());
    }
}
