using Microsoft.EntityFrameworkCore;
using Workflow.Engine.Execution;
using Workflow.Engine.Journal;
using Workflow.Engine.Tests.Support;
using Workflow.Persistence.Storage;
using Xunit.Abstractions;

namespace Workflow.Engine.Tests.Properties;

/// <summary>
/// Property-style tests: random valid definitions (decisions, nested fork/join with all/any/n-of-m, return-for-revision and
/// counted loops, timers, child workflows), random events, and an audit of the database after every event.
/// </summary>
public sealed class GeneratedDefinitionTests(ITestOutputHelper output)
{
    private const int DefinitionsPerSeed = 50;
    private const int InstancesPerDefinition = 4;
    private const int RandomEvents = 60;
    private const int ForwardLimit = 300;

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public async Task RandomValidDefinitions_AlwaysBlockOrEnd_LeaveNothingOrphaned_KeepTheirJournals_AndEndWhenDrivenForward(int theorySeed)
    {
        await using var host = await EngineHost.StartAsync();
        foreach (var child in DefinitionGenerator.Children()) await host.PublishAsync(child);

        for (var i = 0; i < DefinitionsPerSeed; i++)
        {
            var seed = (theorySeed * 1000) + i;
            var json = new DefinitionGenerator(new Random(seed)).Generate($"prop-{seed}");
            await new InstanceDriver(host, seed, json).RunAsync(InstancesPerDefinition, RandomEvents, ForwardLimit);
        }

        // The properties above hold trivially if nothing happens: check that the runs went through what the generator promises.
        await using var db = await host.Get<IDbContextFactory<WorkflowDbContext>>().CreateDbContextAsync();
        var kinds = await db.Journal.GroupBy(j => j.Kind).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(k => k.Key, k => k.Count);
        var statuses = await db.Instances.GroupBy(i => i.Status).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(k => k.Key, k => k.Count);
        output.WriteLine("journal rows: " + string.Join(", ", kinds.OrderBy(k => k.Key).Select(k => $"{k.Key} {k.Value}")));
        output.WriteLine("instances: " + string.Join(", ", statuses.OrderBy(k => k.Key).Select(k => $"{k.Key} {k.Value}")));
        JournalKind[] expected = [JournalKind.Resumed, JournalKind.TimerFired, JournalKind.Reminded, JournalKind.Joined, JournalKind.BranchCancelled, JournalKind.ChildFinished, JournalKind.Cancelled];
        Assert.All(expected, kind => Assert.True(kinds.GetValueOrDefault(kind) > 0, $"no {kind} rows in {DefinitionsPerSeed} definitions"));
    }
}
