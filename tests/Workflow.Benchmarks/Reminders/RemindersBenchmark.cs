using System.Diagnostics;
using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Workflow.Federation.Rotations;
using Workflow.Federation.DutyGroups;
using Workflow.Federation.JointMeetings;
using Workflow.Federation.ReElection;
using Workflow.Federation.Common;
using Workflow.Server.Accounts;
using Workflow.Server.Hosting;
using Workflow.Server.Notifications;
using Workflow.Server.Reminders;
using Workflow.Server.Storage;
using Workflow.Federation.Reminders;

namespace Workflow.Benchmarks.Reminders;

/// <summary>
/// <c>reminders</c>: 10,000 registered bodies, each with a rotating presidium of three, six executives in two duty
/// groups, and a quarterly joint meeting per production chain of ten bodies; a year of their reminders is planned
/// (about 270,000). The service is then restarted on the same database, which rebuilds its jobs; one reminder per body
/// for the chair, one per duty group and one per meeting (21,000, reaching 50,000 people) fall due across one minute
/// and are delivered in-app; then every chair is reminded at one instant (a burst). Prints the rebuild time, reminders
/// delivered per second, how late each was against its due time (from the moment its batch was taken), and
/// duplicates; then 1,000 bodies' group robots each get one message due at one instant (<c>robot_burst_s</c>), and the 10,000
/// chairs, reading e-mail as a daily digest with three reminders each, get the next day's digest written (<c>digest_s</c>).
/// Targets (issue 5): rebuild under 5 s, p95 lateness under 1 s, no duplicate.
/// </summary>
internal sealed class RemindersBenchmark : IBenchmark
{
    private const int Bodies = 10_000;
    private const int BodiesPerChain = 10;
    private const int ExecutivesPerBody = 6;
    private const int Robots = 1_000;
    private static readonly TimeSpan s_lead = TimeSpan.FromSeconds(45);
    private static readonly TimeSpan s_spread = TimeSpan.FromSeconds(60);
    private const string Region = "350583104201";

    public async Task<int> RunAsync(BenchmarkOptions options, TextWriter output)
    {
        var folder = Path.Combine(Path.GetTempPath(), "wf-bench-reminders", Guid.NewGuid().ToString("N"));
        var clock = TimeProvider.System;
        try
        {
            var world = World.Create();
            output.WriteLine($"reminders: {Bodies:N0} bodies, {world.Users.Count:N0} people, data in {folder}");
            DateTimeOffset windowStart;
            int near;
            await using (var first = await StartAsync(folder))
            {
                await InsertUsersAsync(first, world);
                var planner = first.Services.GetRequiredService<ReminderPlanner>();
                var planning = Stopwatch.StartNew();
                var year = await planner.PlanAsync(world.YearOfSchedules(clock.GetUtcNow()));
                output.WriteLine($"planned a year: {year.Added:N0} reminders, {year.Events:N0} calendar entries in {planning.Elapsed.TotalSeconds:F1} s ({year.Added / planning.Elapsed.TotalSeconds:N0} reminders/s)");
                windowStart = clock.GetUtcNow() + s_lead;
                var due = world.DueSoon(windowStart, s_spread);
                near = due.Count;
                await planner.PlanAsync(due);
                output.WriteLine($"planned {near:N0} reminders due between +{s_lead.TotalSeconds:F0} s and +{(s_lead + s_spread).TotalSeconds:F0} s; restarting");
            }

            var starting = Stopwatch.StartNew();
            await using var second = await StartAsync(folder);
            var rebuild = second.Services.GetRequiredService<ReminderScheduler>().LastRebuild!;
            output.WriteLine($"restart: service up in {starting.Elapsed.TotalSeconds:F2} s; rebuild {rebuild.Took.TotalSeconds:F3} s: {rebuild.Jobs:N0} jobs for {rebuild.RemindersInHorizon:N0} reminders within the horizon");

            var contexts = second.Services.GetRequiredService<IDbContextFactory<ServiceDbContext>>();
            var waited = Stopwatch.StartNew();
            var windowEnd = windowStart + s_spread;
            while (waited.Elapsed < s_lead + s_spread + TimeSpan.FromMinutes(3))
            {
                await using var db = await contexts.CreateDbContextAsync();
                var open = await db.Reminders.CountAsync(r => r.Status == ReminderStatus.Scheduled && r.DueAt < windowEnd);
                if (open == 0 && clock.GetUtcNow() > windowEnd) break;
                await Task.Delay(500);
            }
            await Task.Delay(TimeSpan.FromSeconds(2));
            await BurstAsync(second, world, output);
            var robotBurst = await RobotBurst.RunAsync(second, [.. world.Bodies.Take(Robots).Select(b => (b.Id, b.Executives[0]))], Region, output);
            var digest = await DigestRun.RunAsync(second, [.. world.Bodies.Select(b => b.Executives[0])], output);
            return await ReportAsync(contexts, windowStart, windowEnd, near, rebuild, robotBurst, digest, output);
        }
        finally
        {
            try
            {
                Directory.Delete(folder, recursive: true);
            }
            catch (IOException)
            {
                // Left for the OS to clean.
            }
        }
    }

    private static async Task<int> ReportAsync(IDbContextFactory<ServiceDbContext> contexts, DateTimeOffset from, DateTimeOffset to, int planned, ReminderRebuild rebuild,
        double robotBurst, double digest, TextWriter output)
    {
        await using var db = await contexts.CreateDbContextAsync();
        var handled = await db.Reminders.AsNoTracking().Where(r => r.DueAt >= from && r.DueAt < to && r.ProcessedAt != null)
            .Select(r => new { r.DueAt, r.ProcessedAt, r.Status }).ToListAsync();
        var late = handled.Select(r => (r.ProcessedAt!.Value - r.DueAt).TotalMilliseconds).Order().ToList();
        var deliveries = await db.Deliveries.CountAsync(d => d.DueAt >= from && d.DueAt < to);
        // The unique index forbids a second delivery row; count what people would see: notifications per person and key.
        var duplicates = await db.Notifications.GroupBy(n => new { n.UserId, n.Key }).Where(g => g.Count() > 1).Select(g => g.Count() - 1).SumAsync();
        var missing = planned - handled.Count(r => r.Status == ReminderStatus.Delivered);
        var first = handled.Min(r => r.ProcessedAt!.Value);
        var last = handled.Max(r => r.ProcessedAt!.Value);
        var seconds = Math.Max(0.001, (last - first).TotalSeconds);
        output.WriteLine($"delivered {handled.Count:N0} of {planned:N0} reminders ({deliveries:N0} in-app notifications) between {first:HH:mm:ss.fff} and {last:HH:mm:ss.fff}: "
            + $"{handled.Count / seconds:N0} reminders/s, {deliveries / seconds:N0} notifications/s as they fell due");
        output.WriteLine($"lateness ms: p50={Percentile(late, 0.50):F0} p95={Percentile(late, 0.95):F0} max={late[^1]:F0}; missing={missing} duplicates={duplicates}");
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"rebuild_s={rebuild.Took.TotalSeconds:F3} p95_late_ms={Percentile(late, 0.95):F0} duplicates={duplicates} robot_burst_s={robotBurst:F2} digest_s={digest:F2}"));
        return duplicates == 0 && missing == 0 && rebuild.Took < TimeSpan.FromSeconds(5) && Percentile(late, 0.95) < 1000 ? 0 : 1;
    }

    /// <summary>Every chair reminded at the same instant, as a 09:00 first-day reminder is: how long until the last is delivered.</summary>
    private static async Task BurstAsync(WebApplication app, World world, TextWriter output)
    {
        var at = TimeProvider.System.GetUtcNow().AddSeconds(5);
        var text = new LocalizedText("提醒", "Reminder");
        var burst = world.Bodies.Select(b => new PlannedReminder($"burst:{b.Id:N}", ReminderKind.Rotation, at, ReminderAudience.People(b.Executives[0]), text, text)).ToList();
        await app.Services.GetRequiredService<ReminderPlanner>().PlanAsync(burst);
        var contexts = app.Services.GetRequiredService<IDbContextFactory<ServiceDbContext>>();
        DateTimeOffset? last = null;
        for (var waited = Stopwatch.StartNew(); waited.Elapsed < TimeSpan.FromMinutes(3) && last is null; await Task.Delay(250))
        {
            await using var db = await contexts.CreateDbContextAsync();
            if (await db.Reminders.AnyAsync(r => r.Key.StartsWith("burst:") && r.Status == ReminderStatus.Scheduled)) continue;
            last = await db.Reminders.Where(r => r.Key.StartsWith("burst:")).MaxAsync(r => r.ProcessedAt);
        }
        var drain = (last ?? at) - at;
        output.WriteLine($"burst: {burst.Count:N0} reminders due at one instant, all delivered {drain.TotalSeconds:F2} s after it ({burst.Count / Math.Max(0.001, drain.TotalSeconds):N0} reminders/s)");
    }

    private static double Percentile(List<double> sorted, double p) => sorted.Count == 0 ? 0 : sorted[(int)Math.Min(sorted.Count - 1, Math.Ceiling(p * sorted.Count) - 1)];

    private static async Task<WebApplication> StartAsync(string folder)
    {
        var builder = WebApplication.CreateBuilder([
            "--data", folder, "--urls", "http://127.0.0.1:0", "--Admin:InitialPassword", "Bench-Pass-2026",
            "--Logging:LogLevel:Default", "Warning", "--Logging:LogLevel:Microsoft.AspNetCore.DataProtection", "Error",
            // E-mail on (for the digest run) towards a port nobody listens on: the digests are written, their sends fail once and rest.
            "--Smtp:Host", "127.0.0.1", "--Smtp:Port", "9", "--Smtp:From", "bench@example.test", "--Smtp:Attempts", "1",
            "--Logging:LogLevel:Workflow.Server.Notifications.DeliveryJob", "None",
        ]);
        builder.AddWorkflowService();
        var app = builder.Build();
        app.MapWorkflowService();
        await app.StartAsync();
        return app;
    }

    private static async Task InsertUsersAsync(WebApplication app, World world)
    {
        var contexts = app.Services.GetRequiredService<IDbContextFactory<ServiceDbContext>>();
        var regions = app.Services.GetRequiredService<Workflow.Server.Regions.RegionService>();
        await regions.CreateAsync(new Workflow.Server.Regions.NewRegion("350583104", "官桥镇"), CancellationToken.None);
        await regions.CreateAsync(new Workflow.Server.Regions.NewRegion(Region, "官桥村"), CancellationToken.None);
        var now = TimeProvider.System.GetUtcNow();
        foreach (var chunk in world.Users.Chunk(5_000))
        {
            await using var db = await contexts.CreateDbContextAsync();
            db.Users.AddRange(chunk.Select(id => new UserRow
            {
                Id = id, UserName = "u" + id.ToString("N"), DisplayName = "执委", PasswordHash = "-", Roles = Roles.Chair, RegionCode = Region, CreatedAt = now,
            }));
            await db.SaveChangesAsync();
        }
    }

    /// <summary>The bodies, their people and chains, and the reminders they get.</summary>
    private sealed record World(IReadOnlyList<Body> Bodies, IReadOnlyList<Guid> Users)
    {
        public static World Create()
        {
            var bodies = Enumerable.Range(0, RemindersBenchmark.Bodies).Select(i => new Body(
                Guid.NewGuid(), $"产业妇联{i:D5}", i / BodiesPerChain, [.. Enumerable.Range(0, ExecutivesPerBody).Select(_ => Guid.NewGuid())])).ToList();
            return new World(bodies, [.. bodies.SelectMany(b => b.Executives)]);
        }

        private IEnumerable<IGrouping<int, Body>> Chains => Bodies.GroupBy(b => b.Chain);

        public ReminderPlan YearOfSchedules(DateTimeOffset now)
        {
            var start = ChinaInstant.Of(now).LocalDate.AddDays(1);
            var end = start.AddYears(1);
            var plan = ReminderPlan.Empty;
            var groupSettings = new DutyGroupSettings { GroupCount = 2, MinGroupSize = 3, MaxGroupSize = 3 };
            foreach (var body in Bodies)
            {
                var rotation = RotatingPresidium.Plan([.. body.Executives.Take(3).Select(p => p.ToString())], start, end).Accepted;
                var groups = DutyGroupRules.Split([.. body.Executives.Select(p => p.ToString())], groupSettings).Groups;
                plan += RotationReminders.Plan(body.Id, body.Name, rotation, now)
                    + DutyGroupReminders.Plan(body.Id, body.Name, DutyGroupRules.Calendar(groups, start, end), now)
                    + ReElectionReminders.Plan(body.Id, body.Name, ReElectionRules.Schedule(start.AddYears(-4)), ReminderAudience.Role(Roles.Officer, Region), now);
            }
            foreach (var chain in Chains)
            {
                var chairs = chain.Select(b => b.Executives[0]).ToList();
                foreach (var meeting in JointMeetingRules.Between(start, end))
                    plan += JointMeetingReminders.Plan(chain.First().Id, $"产业链{chain.Key}", meeting, chairs[0], chairs, now);
            }
            return plan;
        }

        /// <summary>Per body a chair reminder and a duty-group reminder, per chain a meeting reminder, due evenly across the window.</summary>
        public List<PlannedReminder> DueSoon(DateTimeOffset from, TimeSpan spread)
        {
            var reminders = new List<PlannedReminder>();
            var text = new LocalizedText("提醒", "Reminder");
            foreach (var body in Bodies)
            {
                reminders.Add(new PlannedReminder($"bench:rotation:{body.Id:N}", ReminderKind.Rotation, default, ReminderAudience.People(body.Executives[0]), text, text));
                reminders.Add(new PlannedReminder($"bench:duty-group:{body.Id:N}", ReminderKind.DutyGroup, default, ReminderAudience.People(body.Executives.Skip(3)), text, text));
            }
            foreach (var chain in Chains)
                reminders.Add(new PlannedReminder($"bench:joint-meeting:{chain.Key}", ReminderKind.JointMeeting, default,
                    ReminderAudience.People(chain.Select(b => b.Executives[0])), text, text));
            var step = spread / reminders.Count;
            return [.. reminders.Select((r, i) => r with { DueAt = from + step * i })];
        }
    }

    private sealed record Body(Guid Id, string Name, int Chain, IReadOnlyList<Guid> Executives);
}
