using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Workflow.Federation.Reminders;
using Workflow.Server.Notifications;
using Workflow.Server.Reminders;
using Workflow.Server.Robots;
using Workflow.Server.Storage;

namespace Workflow.Benchmarks.Reminders;

/// <summary>
/// One reminder for each of <paramref name="bodies"/>, all due at one instant, each body with its own group robot (half
/// WeCom, half DingTalk signed) on a loopback platform that answers <c>errcode 0</c>: seconds from the due time until the
/// last robot message is marked sent.
/// </summary>
internal static class RobotBurst
{
    public static async Task<double> RunAsync(WebApplication app, IReadOnlyList<(Guid Body, Guid Chair)> bodies, string regionCode, TextWriter output)
    {
        using var platform = new OkPlatform();
        var contexts = app.Services.GetRequiredService<IDbContextFactory<ServiceDbContext>>();
        var secrets = app.Services.GetRequiredService<RobotSecrets>();
        var now = TimeProvider.System.GetUtcNow();
        await using (var db = await contexts.CreateDbContextAsync())
        {
            db.Robots.AddRange(bodies.Select((b, i) => new RobotRow
            {
                Id = Guid.CreateVersion7(now), Platform = i % 2 == 0 ? RobotPlatform.WeCom : RobotPlatform.DingTalk, BodyId = b.Body, RegionCode = regionCode,
                Name = $"群{i}", ProtectedUrl = secrets.Protect(i % 2 == 0 ? $"{platform.Root}cgi-bin/webhook/send?key=k{i}" : $"{platform.Root}robot/send?access_token=t{i}"),
                ProtectedSecret = i % 2 == 0 ? null : secrets.Protect("SEC0123456789abcdef"), UrlHint = "-", CreatedAt = now, CreatedBy = "bench",
            }));
            await db.SaveChangesAsync();
        }
        var at = now.AddSeconds(3);
        var text = new LocalizedText("轮值提醒", "Rotation reminder");
        await app.Services.GetRequiredService<ReminderPlanner>().PlanAsync([.. bodies.Select(b =>
            new PlannedReminder(ReminderKeys.Rotation(b.Body, 9999, ReminderKeys.FirstDay, b.Chair), ReminderKind.Rotation, at, ReminderAudience.People(b.Chair), text, text))]);

        DateTimeOffset? last = null;
        for (var waited = Stopwatch.StartNew(); waited.Elapsed < TimeSpan.FromMinutes(3) && last is null; await Task.Delay(250))
        {
            await using var db = await contexts.CreateDbContextAsync();
            var sent = await db.Deliveries.CountAsync(d => d.Channel == DeliveryChannel.Robot && d.State == DeliveryState.Sent);
            if (sent >= bodies.Count) last = await db.Deliveries.Where(d => d.Channel == DeliveryChannel.Robot).MaxAsync(d => d.SentAt);
        }
        var seconds = ((last ?? TimeProvider.System.GetUtcNow()) - at).TotalSeconds;
        output.WriteLine($"robot burst: {bodies.Count:N0} group robots, one message each due at one instant, {platform.Requests:N0} posts, "
            + (last is null ? "not all sent within 3 minutes" : $"all sent {seconds:F2} s after it"));
        return seconds;
    }

    /// <summary>Answers every post as both platforms answer a good one.</summary>
    private sealed class OkPlatform : IDisposable
    {
        private readonly HttpListener _listener = new();
        private int _requests;

        public OkPlatform()
        {
            var probe = new TcpListener(IPAddress.Loopback, 0);
            probe.Start();
            Root = $"http://127.0.0.1:{((IPEndPoint)probe.LocalEndpoint).Port}/";
            probe.Stop();
            _listener.Prefixes.Add(Root);
            _listener.Start();
            _ = ListenAsync();
        }

        public string Root { get; }

        public int Requests => _requests;

        private async Task ListenAsync()
        {
            var ok = Encoding.UTF8.GetBytes("""{"errcode":0,"errmsg":"ok"}""");
            while (_listener.IsListening)
            {
                HttpListenerContext context;
                try
                {
                    context = await _listener.GetContextAsync();
                }
                catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException)
                {
                    return;
                }
                Interlocked.Increment(ref _requests);
                await context.Request.InputStream.CopyToAsync(Stream.Null);
                context.Response.ContentType = "application/json";
                await context.Response.OutputStream.WriteAsync(ok);
                context.Response.Close();
            }
        }

        public void Dispose() => _listener.Close();
    }
}
