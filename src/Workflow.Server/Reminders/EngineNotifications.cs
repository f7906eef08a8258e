using Workflow.Engine;
using Workflow.Federation.Reminders;

namespace Workflow.Server.Reminders;

/// <summary>
/// The engine's notification port: task reminders, escalations and <c>notify</c> messages become reminders, keyed by the
/// message id. The engine hands a message over again after a restart when it was not confirmed; the key makes that a
/// no-op, so people hear of it once. A reminder or escalation keeps its timer's planned due time: one that fell due while
/// the service was down is then late, and the sweep applies the late policy of its kind as for every other reminder.
/// </summary>
internal sealed class EngineNotifications(ReminderPlanner planner) : INotificationPort
{
    public async Task SendAsync(NotificationMessage message, CancellationToken cancellationToken)
    {
        var kind = message.Kind switch
        {
            "reminder" => ReminderKind.TaskReminder,
            "escalation" => ReminderKind.TaskEscalation,
            _ => ReminderKind.Notify,
        };
        // Definitions are written in Chinese; English readers get a label in English before the text as written.
        var label = kind switch
        {
            ReminderKind.TaskReminder => "Task reminder",
            ReminderKind.TaskEscalation => "Task overdue",
            _ => "Notice",
        };
        var link = message.BookmarkId is { } task ? $"/api/tasks/{task}" : $"/api/instances/{message.InstanceId}";
        await planner.PlanAsync(
            [new PlannedReminder(ReminderKeys.Engine(message.Id), kind, message.DueAt ?? message.CreatedAt, new ReminderAudience([], [message.To]),
                new LocalizedText(message.Subject, $"{label}: {message.Subject}"), new LocalizedText(message.Body, message.Body), link) { Urgent = message.Urgent }],
            cancellationToken);
    }
}
