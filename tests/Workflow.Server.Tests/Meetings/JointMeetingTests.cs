using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Workflow.Engine.Execution;
using Workflow.Persistence.Instances;
using Workflow.Server.Accounts;
using Workflow.Federation.JointMeetings;
using Workflow.Server.Tests.Support;

namespace Workflow.Server.Tests.Meetings;

/// <summary>The quarterly joint meeting (联席会, seed 004): proposed, reminded, moved, and recorded by its convener.</summary>
public sealed class JointMeetingTests(ServiceFactory factory) : IClassFixture<ServiceFactory>
{
    private async Task<(HttpClient Officer, Guid Convener, Guid[] Chairs, Guid[] Bodies, string Tag)> ChainAsync()
    {
        var tag = Guid.NewGuid().ToString("N")[..5];
        var chairs = new[] { await factory.CreateChairAsync($"jm-chair-0{tag}"), await factory.CreateChairAsync($"jm-chair-1{tag}") };
        var convener = await factory.CreateUserAsync($"jm-convener{tag}", Roles.Officer, TestRegions.Town);
        var bodies = new[] { await factory.RegisteredBodyAsync("水暖企业甲妇联"), await factory.RegisteredBodyAsync("水暖企业乙妇联") };
        return (await factory.SignInAsync($"jm-convener{tag}"), convener, chairs, bodies, tag);
    }

    private static object Group(Guid convener, Guid[] chairs, Guid[] bodies) =>
        new { name = "水暖产业链妇联联席会", regionCode = TestRegions.Town, bodyIds = bodies, convenerId = convener, inviteeIds = chairs, location = "仑苍镇政府三楼会议室" };

    [Fact]
    public async Task AGroup_GetsAMeetingEveryQuarterOfTheComingYear_OnTheSecondTuesdayAtNineThirtyChinaTime()
    {
        var (officer, convener, chairs, bodies, tag) = await ChainAsync();

        var response = await officer.PostAsJsonAsync("/api/meeting-groups", Group(convener, chairs, bodies));

        var group = await response.ReadObjectAsync();
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var meetings = ((JsonArray)group["meetings"]!).Select(m => m!).ToList();
        Assert.Equal(4, meetings.Count);
        var q1 = meetings.Single(m => (int)m["year"]! == 2027 && (int)m["quarter"]! == 1);
        Assert.Equal("2027-02-09 09:30", (string?)q1["localStart"]); // the second Tuesday of February
        Assert.Equal(new DateTimeOffset(2027, 2, 9, 1, 30, 0, TimeSpan.Zero), (DateTimeOffset)q1["startsAt"]!);
        Assert.Equal(("planned", "仑苍镇政府三楼会议室"), ((string?)q1["status"], (string?)q1["location"]));
        var groupId = Guid.Parse((string)group["id"]!);
        Assert.Equal(4, (await factory.FollowUpsAsync(groupId, "meeting:")).Count);

        // The hourly planner finds nothing more to do.
        Assert.Equal(0, await factory.Services.GetRequiredService<JointMeetingGroups>().PlanAheadAsync(CancellationToken.None));
        Assert.Equal(4, (await factory.FollowUpsAsync(groupId, "meeting:")).Count);
        // Invitees see the group in their list; the meeting is in their calendar.
        var chair = await factory.SignInAsync($"jm-chair-0{tag}");
        Assert.Contains(await (await chair.GetAsync("/api/meeting-groups")).Content.ReadFromJsonAsync<JsonArray>() ?? [], g => (string?)g!["id"] == groupId.ToString());
    }

    [Fact]
    public async Task TheConvenerRecordsAttendanceAndMinutes_AfterTheMeeting_OnlyOnce()
    {
        var (officer, convener, chairs, bodies, tag) = await ChainAsync();
        var group = await (await officer.PostAsJsonAsync("/api/meeting-groups", Group(convener, chairs, bodies))).ReadObjectAsync();
        var groupId = Guid.Parse((string)group["id"]!);
        var record = $"/api/meeting-groups/{groupId}/meetings/2027/1/record";
        var minutes = new { held = true, attendees = "镇分管领导、各企业妇联主席共9人", attendeeCount = 9, minutes = "商定三八节联合活动方案和下季度走访计划" };

        await (await officer.PostAsJsonAsync(record, minutes)).AssertProblemAsync(409, "meeting-not-over");

        await factory.FireWaitingTimerAsync((await factory.FollowUpsAsync(groupId, "meeting:2027q1:"))[0].InstanceId);

        var opened = await MeetingAsync(officer, groupId, 2027, 1);
        Assert.Equal("awaitingRecord", (string?)opened["status"]);
        // Due seven days after it opens (here: now, as the timer was fired early).
        Assert.InRange((DateTimeOffset)opened["recordDue"]! - factory.Clock.GetUtcNow(), TimeSpan.FromDays(6.99), TimeSpan.FromDays(7));
        Assert.NotNull(opened["recordTaskId"]);
        var invitee = await factory.SignInAsync($"jm-chair-0{tag}");
        await (await invitee.PostAsJsonAsync(record, minutes)).AssertProblemAsync(403, "forbidden");
        await (await officer.PostAsJsonAsync(record, new { held = true, attendees = "9人" })).AssertProblemAsync(400, "validation");

        var recorded = await officer.PostAsJsonAsync(record, minutes);

        var view = await recorded.ReadObjectAsync();
        Assert.Equal(HttpStatusCode.OK, recorded.StatusCode);
        Assert.Equal("recorded", (string?)view["status"]);
        Assert.Equal((9, "商定三八节联合活动方案和下季度走访计划"), ((int)view["record"]!["attendeeCount"]!, (string?)view["record"]!["minutes"]));
        await (await officer.PostAsJsonAsync(record, minutes)).AssertProblemAsync(409, "meeting-already-recorded");
    }

    [Fact]
    public async Task MovingAMeeting_TellsEveryoneInvited_AndTheRecordingTaskFollowsIt()
    {
        var (officer, convener, chairs, bodies, tag) = await ChainAsync();
        var group = await (await officer.PostAsJsonAsync("/api/meeting-groups", Group(convener, chairs, bodies))).ReadObjectAsync();
        var groupId = Guid.Parse((string)group["id"]!);
        var before = (await factory.FollowUpsAsync(groupId, "meeting:2027q2:")).Single();

        var moved = await officer.PutAsJsonAsync($"/api/meeting-groups/{groupId}/meetings/2027/2",
            new { startsAt = "2027-05-12T14:30:00", location = "产业园党群服务中心", reason = "与园区党建联席会合并召开" });

        Assert.True(moved.StatusCode == HttpStatusCode.OK, await moved.Content.ReadAsStringAsync());
        var q2 = await MeetingAsync(officer, groupId, 2027, 2);
        Assert.Equal(("2027-05-12 14:30", "产业园党群服务中心"), ((string?)q2["localStart"], (string?)q2["location"]));
        var records = await factory.FollowUpsAsync(groupId, "meeting:2027q2:");
        Assert.Equal(2, records.Count);
        Assert.Equal(InstanceStatus.Cancelled, (await factory.Services.GetRequiredService<InstanceQueries>().GetAsync(before.InstanceId)).Status);
        var chair = await factory.SignInAsync($"jm-chair-1{tag}");
        Assert.True(await Eventually.HoldsAsync(async () => (await chair.InboxAsync()).Any(n => ((string)n["body"]!).Contains("改于2027年5月12日 14:30召开")), TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public async Task WithoutInvitees_TheBodiesLinkedChairsAreInvited()
    {
        var (officer, convener, _, bodies, tag) = await ChainAsync();
        var request = new { name = "园区妇联联席会", regionCode = TestRegions.Town, bodyIds = bodies, convenerId = convener };
        await (await officer.PostAsJsonAsync("/api/meeting-groups", request)).AssertProblemAsync(400, "validation");
        var chairs = new List<Guid>();
        foreach (var body in bodies)
        {
            await factory.AddLeadersAsync(body);
            var chair = (JsonObject)((JsonArray)(await (await officer.GetAsync($"/api/bodies/{body}")).ReadObjectAsync())["leaders"]!)[0]!;
            chairs.Add(await factory.CreateChairAsync($"jm-linked{chairs.Count}{tag}"));
            await officer.PutAsJsonAsync($"/api/bodies/{body}/leaders/{chair["id"]}/account", new { userId = chairs[^1] });
        }

        var group = await (await officer.PostAsJsonAsync("/api/meeting-groups", request)).ReadObjectAsync();

        Assert.Equal(chairs.Select(c => c.ToString()).Order(), ((JsonArray)group["invitees"]!).Select(i => (string)i!["id"]!).Order());
    }

    [Fact]
    public async Task GroupsAreRefusedOutsideTheRulesAndTheRegion()
    {
        var (officer, convener, chairs, bodies, tag) = await ChainAsync();
        var neighbourBody = await factory.RegisteredBodyAsync("邻镇企业妇联", TestRegions.NeighbourVillage);
        await factory.CreateUserAsync($"jm-neighbour{tag}", Roles.Officer, TestRegions.NeighbourTown);
        var neighbour = await factory.SignInAsync($"jm-neighbour{tag}");
        var chair = await factory.SignInAsync($"jm-chair-0{tag}");

        await (await chair.PostAsJsonAsync("/api/meeting-groups", Group(convener, chairs, bodies))).AssertProblemAsync(403, "forbidden");
        await (await officer.PostAsJsonAsync("/api/meeting-groups", Group(convener, chairs, [bodies[0]]))).AssertProblemAsync(400, "validation");
        await (await officer.PostAsJsonAsync("/api/meeting-groups", Group(convener, chairs, [bodies[0], neighbourBody]))).AssertProblemAsync(404, "not-found");
        await (await neighbour.PostAsJsonAsync("/api/meeting-groups", Group(convener, chairs, bodies))).AssertProblemAsync(403, "forbidden");
        var created = await (await officer.PostAsJsonAsync("/api/meeting-groups", Group(convener, chairs, bodies))).ReadObjectAsync();
        await (await neighbour.GetAsync($"/api/meeting-groups/{created["id"]}")).AssertProblemAsync(404, "not-found");
        await (await officer.PutAsJsonAsync($"/api/meeting-groups/{created["id"]}/meetings/2027/3", new { startsAt = "2020-01-01T09:00:00", reason = "x" }))
            .AssertProblemAsync(400, "validation");
    }

    private static async Task<JsonObject> MeetingAsync(HttpClient client, Guid groupId, int year, int quarter)
    {
        var group = await (await client.GetAsync($"/api/meeting-groups/{groupId}")).ReadObjectAsync();
        return (JsonObject)((JsonArray)group["meetings"]!).Single(m => (int)m!["year"]! == year && (int)m["quarter"]! == quarter)!;
    }
}
