using Microsoft.Extensions.DependencyInjection;
using Workflow.Persistence.Definitions;
using Workflow.Server.Diagrams;
using Workflow.Server.Tests.Support;

namespace Workflow.Server.Tests.Diagrams;

public sealed class DiagramWarmUpTests
{
    [Fact]
    public async Task AfterStartUp_TheLatestVersionOfEveryDefinitionIsLaidOutInBothLanguages_BeforeAnyoneAsks()
    {
        await using var factory = new ServiceFactory();
        factory.Settings["Diagrams:WarmUp"] = "true";
        _ = factory.Services;
        var diagram = factory.Services.GetRequiredService<WorkflowDiagram>();
        var latest = (await factory.Services.GetRequiredService<DefinitionStore>().ListAsync())
            .GroupBy(d => d.DefinitionId).Select(g => g.MaxBy(d => d.Version)!).ToList();
        Assert.NotEmpty(latest);

        Assert.True(await Eventually.HoldsAsync(
            () => latest.All(d => diagram.IsLaidOut(d.DefinitionId, d.Version, "zh-CN") && diagram.IsLaidOut(d.DefinitionId, d.Version, "en")),
            TimeSpan.FromSeconds(120)), "not every definition was laid out ahead");
    }

    [Fact]
    public async Task WithWarmUpOff_NothingIsLaidOutUntilAPageAsks()
    {
        await using var factory = new ServiceFactory();
        _ = factory.Services;
        var diagram = factory.Services.GetRequiredService<WorkflowDiagram>();
        var any = (await factory.Services.GetRequiredService<DefinitionStore>().ListAsync())[0];

        Assert.False(diagram.IsLaidOut(any.DefinitionId, any.Version, "zh-CN"));
    }
}
