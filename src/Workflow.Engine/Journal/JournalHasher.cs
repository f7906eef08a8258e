using System.Security.Cryptography;
using System.Text;

namespace Workflow.Engine.Journal;

public enum JournalKind { Started, Executed, Resumed, TimerFired, Reminded, Escalated, Joined, BranchCancelled, ChildFinished, Finished, Faulted, Retried, Cancelled, DueMoved }

/// <summary>A journal row before it is chained.</summary>
public sealed record JournalRecord(DateTimeOffset At, string Actor, JournalKind Kind, string? ActivityId, string? Outcome, Guid? BookmarkId, string? Data);

/// <summary>
/// Chains journal rows: each hash covers the previous hash and every field of its row, so editing,
/// deleting or reordering a row breaks every hash after it.
/// </summary>
public static class JournalHasher
{
    public const string Genesis = "0000000000000000000000000000000000000000000000000000000000000000";

    public static string Hash(string previousHash, Guid instanceId, long sequence, JournalRecord record)
    {
        var builder = new StringBuilder(256);
        Append(builder, previousHash);
        Append(builder, instanceId.ToString("N"));
        Append(builder, sequence.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Append(builder, record.At.UtcTicks.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Append(builder, record.Actor);
        Append(builder, record.Kind.ToString());
        Append(builder, record.ActivityId);
        Append(builder, record.Outcome);
        Append(builder, record.BookmarkId?.ToString("N"));
        Append(builder, record.Data);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(builder.ToString())));
    }

    // Length-prefixing keeps ("ab","c") and ("a","bc") apart.
    private static void Append(StringBuilder builder, string? value) =>
        builder.Append(value?.Length ?? -1).Append(':').Append(value).Append('|');
}
