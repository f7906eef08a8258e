using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Workflow.Engine;
using Workflow.Server.Jobs;
using Workflow.Server.Tests.Support;

namespace Workflow.Server.Tests.Jobs;

/// <summary>The engine's timers run as Hangfire jobs in the service, and a restart re-schedules what is pending.</summary>
public sealed class TimerJobTests
{
    private const string CoolingOff = """
        { "id": "cooling-off", "name": "冷静期后提交", "activities": [
            { "id": "start", "type": "start", "next": "wait" },
            { "id": "wait", "type": "timer", "delay": "PT2S", "next": "submit" },
            { "id": "submit", "type": "userTask", "title": "提交", "assignee": { "role": "officer", "region": "input.regionCode" },
              "outcomes": ["done"], "next": { "done": "end" } },
            { "id": "end", "type": "end" } ] }
        """;

    private static async Task<Guid> StartAsync(ServiceFactory factory)
    {
        var admin = await factory.AdminAsync();
        (await admin.PostAsync("/api/definitions", new StringContent(CoolingOff, Encoding.UTF8, "application/json"))).EnsureSuccessStatusCode();
        await factory.CreateUserAsync("timer-officer", "officer", TestRegions.Town);
        var officer = await factory.SignInAsync("timer-officer");
        var started = await officer.PostAsJsonAsync("/api/instances", new { definitionId = "cooling-off", input = new JsonObject { ["regionCode"] = TestRegions.Village } });
        return Guid.Parse((string)(await started.ReadObjectAsync())["instanceId"]!);
    }

    private static async Task<string?> WaitForActivityAsync(ServiceFactory factory, Guid instance, string activity, TimeSpan within)
    {
        var admin = await factory.AdminAsync();
        string? seen = null;
        await Eventually.HoldsAsync(async () =>
        {
            var view = await (await admin.GetAsync($"/api/instances/{instance}")).ReadObjectAsync();
            seen = string.Join(",", ((JsonArray)view["bookmarks"]!).Select(b => (string?)b!["activityId"]));
            return seen == activity;
        }, within);
        return seen;
    }

    [Fact]
    public async Task ATimer_FiresThroughHangfire_AndTheFlowMovesOn()
    {
        await using var factory = new ServiceFactory();
        var instance = await StartAsync(factory);
        Assert.Equal("wait", await WaitForActivityAsync(factory, instance, "wait", TimeSpan.Zero));

        factory.Clock.Advance(TimeSpan.FromSeconds(2));

        Assert.Equal("submit", await WaitForActivityAsync(factory, instance, "submit", TimeSpan.FromSeconds(20)));
    }

    [Fact]
    public async Task ATimersJob_WokenEarly_WaitsForTheExactDueTime()
    {
        await using var factory = new ServiceFactory();
        var instance = await StartAsync(factory);
        var timer = await factory.TimerAsync(instance, TimerPurpose.Resume);
        var job = ActivatorUtilities.CreateInstance<TimerJob>(factory.Services);

        // Hangfire keeps whole seconds and polls, so it may start the job ahead of time: the job itself must not fire early.
        var firing = job.FireAsync(timer.Key, timer.DueAt, CancellationToken.None);
        factory.Clock.SetUtcNow(timer.DueAt - TimeSpan.FromMilliseconds(1));
        Assert.False(firing.IsCompleted, "fired before its due time");
        Assert.Equal("wait", await WaitForActivityAsync(factory, instance, "wait", TimeSpan.Zero));

        factory.Clock.SetUtcNow(timer.DueAt);
        await firing;

        Assert.Equal("submit", await WaitForActivityAsync(factory, instance, "submit", TimeSpan.Zero));
    }

    [Fact]
    public async Task ATimerPendingAtShutdown_FiresAfterTheRestart()
    {
        string folder;
        Guid instance;
        var clock = new FakeTimeProvider(ServiceFactory.Start);
        await using (var first = new ServiceFactory { Clock = clock })
        {
            instance = await StartAsync(first);
            folder = first.DataFolder;
            first.KeepDataFolder = true;
        }
        await using var second = ServiceFactory.On(folder, clock);
        _ = second.Server;
        clock.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal("submit", await WaitForActivityAsync(second, instance, "submit", TimeSpan.FromSeconds(20)));
    }
}
