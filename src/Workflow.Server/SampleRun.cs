using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Workflow.Engine.Definitions;
using Workflow.Engine.Execution;
using Workflow.Persistence.Definitions;
using Workflow.Persistence.Instances;
using Workflow.Persistence.Runtime;
using Workflow.Persistence.Storage;

namespace Workflow.Server;

internal static class SampleRun
{
    public static async Task<int> RunAsync(IServiceProvider services, ConsoleOptions options, TextWriter output)
    {
        await services.GetRequiredService<DatabaseSetup>().MigrateAsync();
        IReadOnlyList<PublishedDefinition> published;
        try
        {
            published = await services.GetRequiredService<DefinitionStore>().PublishDirectoryAsync(options.WorkflowsFolder, "console");
        }
        catch (DefinitionException ex)
        {
            await output.WriteLineAsync(ex.Message);
            return 1;
        }
        await output.WriteLineAsync($"Workflow engine — data in {options.DataFolder}");
        foreach (var d in published)
            await output.WriteLineAsync($"  definition {d.DefinitionId} v{d.Version} {(d.IsNew ? "published" : "unchanged")}: {d.Name}");

        var runtime = services.GetRequiredService<WorkflowRuntime>();
        var started = await runtime.StartAsync("approval", new JsonObject { ["regionCode"] = "370102", ["name"] = "示例企业妇联" }, $"sample-{Guid.NewGuid():N}", "sample-officer");
        var task = started.NewBookmarks.Single();
        await output.WriteLineAsync($"Started instance {started.InstanceId}: waiting at '{task.Title}' for {task.Role}/{task.ApproverKind} in {task.RegionCode}, due {Local(task.DueAt)}");
        var finished = await runtime.ResumeAsync(new ResumeRequest(task.Id, "sample-approver", "approve", new JsonObject { ["opinion"] = "同意筹建" }));
        await output.WriteLineAsync($"Approved: the instance is {finished.Status.ToString().ToLowerInvariant()} with outcome '{finished.Result}'");

        var queries = services.GetRequiredService<InstanceQueries>();
        foreach (var entry in await queries.JournalAsync(started.InstanceId))
            await output.WriteLineAsync($"  #{entry.Sequence} {Local(entry.At)} {entry.Actor,-16} {entry.Kind,-9} {entry.ActivityId} {entry.Outcome}");
        var check = await queries.VerifyJournalAsync(started.InstanceId);
        await output.WriteLineAsync(check.Valid ? $"Journal chain verified ({check.Length} rows)." : $"Journal chain broken at row {check.FirstBadSequence}: {check.Reason}");
        return check.Valid && finished.Status == InstanceStatus.Finished ? 0 : 1;
    }

    private static string Local(DateTimeOffset? at) =>
        at is { } t ? TimeZoneInfo.ConvertTime(t, Schedules.China).ToString("yyyy-MM-dd HH:mm:ss 'CST'", CultureInfo.InvariantCulture) : "-";
}
