using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Workflow.Persistence.Storage;
using Workflow.Server.Accounts;
using Workflow.Federation.Registry;
using Workflow.Server.Tests.Support;

namespace Workflow.Server.Tests.Bodies;

/// <summary>Registration starts a body's set-up task and, for 换届, a re-election request that opens six months before its term ends; each once.</summary>
public sealed class AfterRegistrationTests
{
    [Fact]
    public async Task ARegisteredBody_GetsOneSetUpTask_AndOneReElectionRequestThatOpensSixMonthsBeforeItsTermEnds_ForItsRegionsOfficers()
    {
        await using var factory = new ServiceFactory();
        var body = await factory.RegisteredBodyAsync(foundedOn: new DateOnly(2026, 12, 1));
        await factory.CreateUserAsync("re-officer", Roles.Officer, TestRegions.Town);
        await factory.CreateUserAsync("re-neighbour", Roles.Officer, TestRegions.NeighbourTown);
        var requests = factory.Services.GetRequiredService<AfterRegistration>();

        var first = await requests.PlanAsync(CancellationToken.None);
        var again = await requests.PlanAsync(CancellationToken.None);

        Assert.Equal((1, 1, 2), (first.SetUps, first.Requests, first.Reminders));
        Assert.Equal((0, 0, 0), (again.SetUps, again.Requests, again.Reminders));
        var request = Assert.Single(await factory.FollowUpsAsync(body, "re-election:"));
        Assert.Equal("re-election:2031-12-01", request.Key);
        await using (var db = await factory.Services.GetRequiredService<IDbContextFactory<WorkflowDbContext>>().CreateDbContextAsync())
            Assert.Equal(new DateTimeOffset(2031, 6, 1, 1, 0, 0, TimeSpan.Zero), (await db.Timers.SingleAsync(t => t.InstanceId == request.InstanceId)).DueAt);

        await factory.FireWaitingTimerAsync(request.InstanceId);

        var officer = await factory.SignInAsync("re-officer");
        var setUp = (JsonArray)(await (await officer.GetAsync("/api/tasks?definitionId=body-setup")).ReadObjectAsync())["items"]!;
        Assert.Equal("成立后设置：轮值主席团、执委轮值、联席会", (string?)Assert.Single(setUp)!["title"]);
        var tasks = (JsonArray)(await (await officer.GetAsync("/api/tasks?definitionId=re-election")).ReadObjectAsync())["items"]!;
        var task = Assert.Single(tasks)!;
        Assert.Equal("筹备换届选举", (string?)task["title"]);
        var neighbour = await factory.SignInAsync("re-neighbour");
        Assert.Empty((JsonArray)(await (await neighbour.GetAsync("/api/tasks?definitionId=re-election")).ReadObjectAsync())["items"]!);
        var decided = await officer.PostAsJsonAsync($"/api/tasks/{task["id"]}/decision", new { outcome = "scheduled", form = new { electionDate = "2031-11-20", note = "已报镇妇联" } });
        Assert.Equal(HttpStatusCode.OK, decided.StatusCode);
    }
}
