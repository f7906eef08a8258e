using System.Text.Json;
using Workflow.Engine.Journal;
using Workflow.Federation.Elections;
using Workflow.Federation.Registry;
using Workflow.Persistence.Instances;
using Workflow.Persistence.Runtime;

namespace Workflow.Federation.Founding;

/// <summary>
/// A founding request's history: its workflow's decisions, the candidate lists submitted with their election rules (journaled
/// by the <c>founding.checkCandidates</c> step), and every recorded vote, round by round, with its result.
/// </summary>
public sealed class FoundingHistory(FoundingService foundings, WorkflowDecisions decisions, InstanceQueries instances)
{
    public const string Nomination = "nomination";
    public const string Election = "election";

    /// <param name="kind">What its decisions are part of: <c>founding</c>, or <c>re-election</c> for a body's re-election request.</param>
    public async Task<IReadOnlyList<BodyEvent>> GetAsync(Actor actor, Guid requestId, CancellationToken cancellationToken, string kind = "founding")
    {
        var request = await foundings.GetAsync(actor, requestId, cancellationToken);
        var events = new List<BodyEvent>();
        // The founding and the election it runs as a child workflow: one request, told as one history.
        foreach (var instance in request.InstanceId is { } root ? await instances.FamilyAsync(root, cancellationToken) : [])
        {
            events.AddRange(await decisions.ReadAsync(instance.Id, kind, cancellationToken));
            events.AddRange(Nominations(await instances.JournalAsync(instance.Id, cancellationToken)));
        }
        foreach (var attempt in request.Elections) events.AddRange(Votes(attempt));
        return [.. events.OrderBy(e => e.At)];
    }

    /// <summary>The candidate lists submitted, with their election rules, as the <c>founding.checkCandidates</c> step journaled them.</summary>
    internal static IEnumerable<BodyEvent> Nominations(IEnumerable<JournalEntry> journal) => journal
        .Where(j => j.Kind == JournalKind.Executed && j.ActivityId == "checkCandidates" && j.Data is not null)
        .Select(j => new BodyEvent(j.At, Nomination, j.Actor, "提名候选人，拟定选举办法", j.Outcome, NominationNote(j.Data!)));

    /// <summary>One event per round, then the attempt's result; all at the moment it was recorded, in that order.</summary>
    private static IEnumerable<BodyEvent> Votes(ElectionAttemptView attempt)
    {
        var meeting = attempt.Stage == ElectionStage.Congress ? "妇女大会" : "第一次执委会议";
        var at = attempt.RecordedAt ?? DateTimeOffset.MinValue;
        var by = attempt.RecordedBy ?? "";
        foreach (var round in attempt.Rounds)
        {
            var summary = round.Explanations.FirstOrDefault(e => e.Code == ElectionCodes.Round)?.Chinese ?? "";
            var elected = round.Elected.Count == 0 ? "" : $"当选：{string.Join("、", round.Elected.Select(e => $"{e.Name}（{e.Votes}票）"))}。";
            yield return new BodyEvent(at, Election, by, $"{meeting}第{attempt.Number}次选举第{round.Number}轮", null, summary + elected);
        }
        yield return new BodyEvent(at, Election, by, $"{meeting}第{attempt.Number}次选举结果", JsonNamingPolicy.CamelCase.ConvertName(attempt.Status.ToString()),
            string.Join("", attempt.Explanations.Where(e => e.Code != ElectionCodes.Procedure).Select(e => e.Chinese)));
    }

    private static string? NominationNote(string data)
    {
        using var document = JsonDocument.Parse(data);
        return document.RootElement.TryGetProperty("nominations", out var note) && note.ValueKind == JsonValueKind.String ? note.GetString() : null;
    }
}
