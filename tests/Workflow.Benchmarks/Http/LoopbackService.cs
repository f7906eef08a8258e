using System.Collections.Concurrent;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Workflow.Engine.Execution;
using Workflow.Persistence.Runtime;
using Workflow.Server.Accounts;
using Workflow.Server.Hosting;
using Workflow.Server.Regions;

namespace Workflow.Benchmarks.Http;

/// <summary>The service on loopback with real Kestrel, and the approvers and tasks the HTTP benchmarks decide.</summary>
internal static class LoopbackService
{
    public const string Region = "350583104201";
    private const string Password = "Bench-pass-2026";

    /// <summary>Starts a node with its data in <paramref name="folder"/>; <paramref name="settings"/> are extra <c>--key value</c> pairs.</summary>
    public static async Task<WebApplication> StartAsync(string folder, params string[] settings)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = ["--data", folder, "--urls", "http://127.0.0.1:0", "--Admin:InitialPassword", "Bench-admin-2026", "--Regions:RootCode", "350583", .. settings],
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.Logging.ClearProviders();
        builder.AddWorkflowService();
        builder.Logging.ClearProviders();
        var app = builder.Build();
        app.MapWorkflowService();
        await app.StartAsync();
        return app;
    }

    /// <summary>Creates the town and village and one superior-federation approver per client; returns their access tokens.</summary>
    public static async Task<string[]> SignInApproversAsync(WebApplication app, int clients)
    {
        var regions = app.Services.GetRequiredService<RegionService>();
        await regions.CreateAsync(new NewRegion("350583104", "官桥镇"), CancellationToken.None);
        await regions.CreateAsync(new NewRegion(Region, "官桥村"), CancellationToken.None);
        var users = app.Services.GetRequiredService<UserDirectory>();
        using var http = new HttpClient { BaseAddress = new Uri(app.Urls.First()) };
        var tokens = new string[clients];
        for (var i = 0; i < clients; i++)
        {
            await users.CreateAsync(new NewUser($"approver{i}", $"审批人{i}", [Roles.Approver], ApproverKinds.SuperiorFederation, "350583104", Password: Password), CancellationToken.None);
            var response = await http.PostAsJsonAsync("/api/auth/token", new { userName = $"approver{i}", password = Password });
            tokens[i] = (string)JsonNode.Parse(await response.Content.ReadAsStringAsync())!["accessToken"]!;
        }
        return tokens;
    }

    /// <summary>Opens the tasks beforehand, so the timed phase does nothing but decide them.</summary>
    public static async Task<ConcurrentQueue<Guid>> OpenTasksAsync(WorkflowRuntime runtime, int count)
    {
        var tasks = new ConcurrentQueue<Guid>();
        await Parallel.ForAsync(0, count, new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (_, cancellationToken) =>
        {
            var started = await runtime.StartAsync("approval", new JsonObject { ["regionCode"] = Region }, null, "bench-officer", cancellationToken: cancellationToken);
            tasks.Enqueue(started.NewBookmarks.Single(b => b.Kind == BookmarkKind.UserTask).Id);
        });
        return tasks;
    }

    public static double Percentile(double[] sorted, double p) => sorted.Length == 0 ? 0 : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];

    public static void TryDelete(string folder)
    {
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
