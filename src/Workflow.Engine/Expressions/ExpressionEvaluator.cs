using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Acornima;
using Acornima.Ast;
using Jint;
using Jint.Native;
using Jint.Runtime;
using JsEngine = Jint.Engine;

namespace Workflow.Engine.Expressions;

/// <summary>
/// Evaluates definition expressions as JavaScript in a Jint sandbox: no CLR access, and limits on time,
/// memory, recursion and statements. Expressions see <c>vars</c>, <c>input</c> and <c>now</c> (ISO UTC).
/// </summary>
public sealed class ExpressionEvaluator(ExpressionLimits limits)
{
    private readonly ConcurrentDictionary<string, Prepared<Script>> _prepared = new(StringComparer.Ordinal);

    public ExpressionEvaluator() : this(new ExpressionLimits())
    {
    }

    /// <summary>Why the expression does not parse, or null when it does.</summary>
    public static string? ParseError(string expression)
    {
        try
        {
            JsEngine.PrepareScript(expression, strict: true);
            return null;
        }
        catch (ScriptPreparationException ex)
        {
            return $"expression does not parse: {ex.InnerException?.Message ?? ex.Message}";
        }
    }

    public JsonNode? Evaluate(string expression, JsonObject vars, JsonNode? input, DateTimeOffset now)
    {
        if (MemberPath.Read(expression, vars, input) is { } read) return read;
        var script = _prepared.GetOrAdd(expression, static e => JsEngine.PrepareScript(e, strict: true));
        var engine = new JsEngine(o => o
            .Strict()
            .TimeoutInterval(limits.Timeout)
            .LimitMemory(limits.MemoryBytes)
            .LimitRecursion(limits.Recursion)
            .MaxStatements(limits.Statements)
            .LocalTimeZone(TimeZoneInfo.Utc));
        try
        {
            var parser = new Jint.Native.Json.JsonParser(engine);
            engine.SetValue("vars", parser.Parse(vars.ToJsonString(EngineJson.Options)));
            engine.SetValue("input", input is null ? JsValue.Null : parser.Parse(input.ToJsonString(EngineJson.Options)));
            engine.SetValue("now", now.UtcDateTime.ToString("O", System.Globalization.CultureInfo.InvariantCulture));
            var result = engine.Evaluate(script);
            return ToJson(engine, result);
        }
        catch (Exception ex) when (ex is JavaScriptException or ExecutionCanceledException or TimeoutException or MemoryLimitExceededException
                                       or RecursionDepthOverflowException or StatementsCountOverflowException or JintException)
        {
            throw new ExpressionException(expression, ex.Message, ex);
        }
    }

    private static JsonNode? ToJson(JsEngine engine, JsValue value)
    {
        if (value.IsUndefined() || value.IsNull()) return null;
        var text = new Jint.Native.Json.JsonSerializer(engine).Serialize(value).ToString();
        return text == "undefined" ? null : JsonNode.Parse(text);
    }
}

public sealed class ExpressionException(string expression, string reason, Exception inner)
    : Exception($"expression '{expression}' failed: {reason}", inner);
