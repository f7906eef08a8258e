using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Workflow.Engine.Execution;

public enum InstanceStatus { Running, Blocked, Finished, Faulted, Cancelled }

public enum BookmarkKind { UserTask, Timer, ChildWorkflow }

/// <summary>A point of execution. <see cref="Frames"/> is the stack of fork frames the token is inside.</summary>
public sealed record Token(string Id, string ActivityId, IReadOnlyList<string> Frames, Guid? BookmarkId = null);

/// <summary>One execution of a fork: how many branches left it and how many reached the join.</summary>
public sealed record ForkFrame(string Id, string ForkActivityId, int Branches, int Arrived);

/// <summary>Everything an instance needs to go on, stored as one JSON column with the instance.</summary>
public sealed class InstanceState
{
    public JsonObject Variables { get; set; } = [];
    public JsonObject Input { get; set; } = [];
    public List<Token> Tokens { get; set; } = [];
    public Dictionary<string, ForkFrame> Frames { get; set; } = [];
    public int NextId { get; set; }
    public string? Result { get; set; }

    public string NewId(string prefix) => $"{prefix}{++NextId}";

    public string ToJson() => JsonSerializer.Serialize(this, EngineJson.Options);

    public static InstanceState FromJson(string json) =>
        JsonSerializer.Deserialize<InstanceState>(json, EngineJson.Options) ?? throw new InvalidOperationException("empty instance state");

    public InstanceState Clone() => FromJson(ToJson());
}

/// <summary>A place where an instance waits. User tasks carry their assignment so inboxes can query them.</summary>
public sealed record Bookmark(
    Guid Id,
    Guid InstanceId,
    string ActivityId,
    BookmarkKind Kind,
    string TokenId,
    DateTimeOffset CreatedAt,
    DateTimeOffset? DueAt,
    string? Role = null,
    string? ApproverKind = null,
    string? RegionCode = null,
    string? Title = null,
    Guid? ChildInstanceId = null,
    string? AssigneeUserId = null);

/// <summary>How to resume a bookmark: a person's decision (outcome, form values, comment) or an internal wake-up.</summary>
public sealed record ResumeRequest(Guid BookmarkId, string Actor, string? Outcome = null, JsonObject? Form = null, string? Comment = null);

public sealed record ChildStart(Guid ChildInstanceId, Guid ParentBookmarkId, string WorkflowId, JsonObject Input);
