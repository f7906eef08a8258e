using System.Text.Json;
using Workflow.Engine;

namespace Workflow.Persistence.Runtime;

internal static class NotificationJson
{
    public static string Write(NotificationMessage message) => JsonSerializer.Serialize(message, EngineJson.Options);

    public static NotificationMessage Read(string json) => JsonSerializer.Deserialize<NotificationMessage>(json, EngineJson.Options)!;
}
