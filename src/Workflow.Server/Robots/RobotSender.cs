using System.Net.Http.Headers;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Workflow.Server.Notifications;
using Workflow.Server.Storage;

namespace Workflow.Server.Robots;

/// <summary>
/// Posts a robot delivery's message to its group. Both platforms answer HTTP 200 with an <c>errcode</c>: rate-limited codes
/// postpone the message (no attempt spent), refusals (bad key, signature not accepted) dead-letter it at once with the
/// platform's words, anything else is retried with back-off.
/// </summary>
internal sealed class RobotSender(IHttpClientFactory http, IDbContextFactory<ServiceDbContext> contexts, RobotSecrets secrets, RobotOptions options,
    TimeProvider clock) : IDeliverySender
{
    public const string ClientName = "robots";

    public DeliveryChannel Channel => DeliveryChannel.Robot;

    public bool Paced => true;

    public async Task SendAsync(DeliveryRow delivery, CancellationToken cancellationToken)
    {
        var robot = await FindAsync(delivery, cancellationToken);
        var url = RobotMessages.SendUrl(robot.Platform, secrets.Unprotect(robot.ProtectedUrl),
            robot.ProtectedSecret is null ? null : secrets.Unprotect(robot.ProtectedSecret), clock.GetUtcNow());
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new ByteArrayContent(Encoding.UTF8.GetBytes(delivery.Payload ?? "{}")) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        using var response = await http.CreateClient(ClientName).SendAsync(request, cancellationToken);
        // Never the URL in a message: it holds the robot's key, and errors are shown to admins.
        if (!response.IsSuccessStatusCode)
            throw new HttpRequestException($"robot '{robot.Name}' answered {(int)response.StatusCode} {response.ReasonPhrase}", null, response.StatusCode);
        var answer = RobotMessages.Read(robot.Platform, await response.Content.ReadAsStringAsync(cancellationToken));
        switch (answer.Outcome)
        {
            case RobotOutcome.Sent: return;
            case RobotOutcome.RateLimited: throw new DeliveryPostponedException(clock.GetUtcNow() + options.RateLimitedWait, answer.Reason);
            case RobotOutcome.Refused: throw new DeliveryRefusedException(answer.Reason);
            default: throw new InvalidOperationException(answer.Reason);
        }
    }

    private async Task<RobotRow> FindAsync(DeliveryRow delivery, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var id = Guid.TryParse(delivery.Target, out var parsed) ? parsed : Guid.Empty;
        var robot = await db.Robots.AsNoTracking().SingleOrDefaultAsync(r => r.Id == id, cancellationToken);
        return robot is { Active: true } ? robot : throw new DeliveryRefusedException($"robot {delivery.Target} was removed");
    }
}
