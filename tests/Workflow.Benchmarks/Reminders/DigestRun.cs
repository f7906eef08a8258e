using System.Diagnostics;
using Microsoft.AspNetCore.Builder;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Workflow.Federation.Common;
using Workflow.Federation.Reminders;
using Workflow.Server.Notifications;
using Workflow.Server.Reminders;
using Workflow.Server.Storage;

namespace Workflow.Benchmarks.Reminders;

/// <summary>
/// <paramref name="people"/> read their e-mail as a daily digest; each gets two reminders now (a rotation reminder and a
/// task escalation, folded by the sweep) and one due the next afternoon. Then the next day's digest is written: seconds
/// from the start of the run until every digest row (and the folded rows it carries or records) is committed and its
/// send scheduled. Sending is the relay's pace, not measured here.
/// </summary>
internal static class DigestRun
{
    private const string Prefix = "digest-bench:";

    public static async Task<double> RunAsync(WebApplication app, IReadOnlyList<Guid> people, TextWriter output)
    {
        var contexts = app.Services.GetRequiredService<IDbContextFactory<ServiceDbContext>>();
        var now = TimeProvider.System.GetUtcNow();
        foreach (var chunk in people.Chunk(2_000))
        {
            await using var db = await contexts.CreateDbContextAsync();
            await db.Users.Where(u => chunk.Contains(u.Id)).ExecuteUpdateAsync(s => s.SetProperty(u => u.Email, u => u.UserName + "@example.test"));
            db.NotificationSettings.AddRange(chunk.Select(id => new NotificationSettingsRow { UserId = id, EmailDigest = true, UpdatedAt = now }));
            await db.SaveChangesAsync();
        }
        var tomorrow = ChinaInstant.Of(now).LocalDate.AddDays(1);
        var at = now.AddSeconds(3);
        var later = ChinaInstant.At(tomorrow, new TimeOnly(15, 0)).Utc;
        var text = new LocalizedText("提醒", "Reminder");
        await app.Services.GetRequiredService<ReminderPlanner>().PlanAsync([.. people.SelectMany(p => new[]
        {
            new PlannedReminder($"{Prefix}rotation:{p:N}", ReminderKind.Rotation, at, ReminderAudience.People(p), text, text),
            new PlannedReminder($"{Prefix}escalation:{p:N}", ReminderKind.TaskEscalation, at, ReminderAudience.People(p), text, text, $"/api/tasks/{p}"),
            new PlannedReminder($"{Prefix}later:{p:N}", ReminderKind.DutyGroup, later, ReminderAudience.People(p), text, text),
        })]);
        for (var waited = Stopwatch.StartNew(); waited.Elapsed < TimeSpan.FromMinutes(3); await Task.Delay(250))
        {
            await using var db = await contexts.CreateDbContextAsync();
            if (!await db.Reminders.AnyAsync(r => r.Key.StartsWith(Prefix) && r.Status == ReminderStatus.Scheduled && r.DueAt <= at)) break;
        }
        int folded;
        await using (var db = await contexts.CreateDbContextAsync())
            folded = await db.Deliveries.CountAsync(d => d.State == DeliveryState.Folded && d.Key.StartsWith(Prefix));

        var watch = Stopwatch.StartNew();
        var written = await app.Services.GetRequiredService<DailyDigest>().RunAsync(tomorrow, CancellationToken.None);
        var took = watch.Elapsed.TotalSeconds;
        // The sends (to a closed port, one attempt each) settle before the report, so the host stops with no job in flight.
        for (var waited = Stopwatch.StartNew(); waited.Elapsed < TimeSpan.FromMinutes(3); await Task.Delay(500))
        {
            await using var db = await contexts.CreateDbContextAsync();
            if (!await db.Deliveries.AnyAsync(d => d.Key.StartsWith("digest:") && d.State == DeliveryState.Pending)) break;
        }
        output.WriteLine($"digest: {written:N0} e-mail digests for {people.Count:N0} people ({folded:N0} folded reminders and {people.Count:N0} due later that day) "
            + $"written in {took:F2} s ({written / Math.Max(0.001, took):N0} digests/s)");
        return took;
    }
}
