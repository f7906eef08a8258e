using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

using Workflow.Engine;

namespace Workflow.Persistence.Runtime;

/// <summary>The event whose transition faulted, kept with the incident so a retry applies it again.</summary>
internal sealed record FailedEvent(string Kind, string Actor, JsonObject? Input = null, Guid? BookmarkId = null, string? Outcome = null, JsonObject? Form = null, string? Comment = null, string? TimerKey = null)
{
    public const string Start = "start";
    public const string Resume = "resume";
    public const string Timer = "timer";

    public string ToJson() => JsonSerializer.Serialize(this, EngineJson.Options);

    public static FailedEvent FromJson(string json) => JsonSerializer.Deserialize<FailedEvent>(json, EngineJson.Options)!;
}
