using System.Text.Json.Nodes;
using Workflow.Engine;
using Workflow.Engine.Execution;
using Workflow.Engine.Journal;

namespace Workflow.Benchmarks.Engine;

/// <summary>What both floors write per transition, of the size the engine writes: the instance state, the decision, two journal records.</summary>
internal sealed record FloorPayload(string State, string Decision)
{
    public static FloorPayload Create()
    {
        var state = new InstanceState { Input = new JsonObject { ["regionCode"] = "370102", ["n"] = 1 } };
        state.Tokens.Add(new Token("t1", "review", [], Guid.CreateVersion7()));
        state.Variables["review"] = new JsonObject { ["outcome"] = "approve", ["by"] = "approver-1", ["at"] = DateTimeOffset.UnixEpoch.ToString("O"), ["opinion"] = "同意" };
        return new FloorPayload(state.ToJson(), state.Variables["review"]!.ToJsonString(EngineJson.Options));
    }

    /// <summary>The journal rows of an approval that closes <paramref name="closed"/>, chained after <paramref name="head"/>.</summary>
    public IEnumerable<(JournalRecord Record, long Sequence, string Previous, string Hash)> Journal(Guid instance, Guid closed, DateTimeOffset now, long length, string head)
    {
        foreach (var record in new[]
        {
            new JournalRecord(now, "approver-1", JournalKind.Resumed, "review", "approve", closed, Decision),
            new JournalRecord(now, "approver-1", JournalKind.Finished, "approved", "approved", null, null),
        })
        {
            var hash = JournalHasher.Hash(head, instance, ++length, record);
            yield return (record, length, head, hash);
            head = hash;
        }
    }
}
