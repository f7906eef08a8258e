using System.Collections.Concurrent;

namespace Workflow.Engine.Tests.Support;

public sealed class RecordingNotifications : INotificationPort
{
    public ConcurrentQueue<NotificationMessage> Sent { get; } = new();

    public Task SendAsync(NotificationMessage message, CancellationToken cancellationToken)
    {
        Sent.Enqueue(message);
        return Task.CompletedTask;
    }
}
