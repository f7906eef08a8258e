using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Workflow.Server.Accounts;
using Workflow.Server.Tests.Support;

namespace Workflow.Server.Tests.Bodies;

/// <summary>After registration: the rotating presidium (seed 004) and the executive duty groups (seed 003) are planned as reminders.</summary>
public sealed class BodySchedulesTests(ServiceFactory factory) : IClassFixture<ServiceFactory>
{
    private Task<Guid> RegisteredBodyAsync() => factory.RegisteredBodyAsync();

    private async Task<List<Guid>> PeopleAsync(string prefix, string role, int count)
    {
        var tag = Guid.NewGuid().ToString("N")[..5];
        var ids = new List<Guid>();
        for (var i = 0; i < count; i++) ids.Add(await factory.CreateUserAsync($"{prefix}{tag}{i}", role, TestRegions.Town));
        return ids;
    }

    [Fact]
    public async Task ARotation_GivesEachChairTwoMonths_AndPlansHerReminders()
    {
        var body = await RegisteredBodyAsync();
        var chairs = await PeopleAsync("chair", Roles.Chair, 4);
        await factory.CreateUserAsync("rot-officer", Roles.Officer, TestRegions.Town);
        var officer = await factory.SignInAsync("rot-officer");

        var response = await officer.PutAsJsonAsync($"/api/bodies/{body}/rotation", new { start = "2027-01-01", order = chairs });
        var plan = await response.ReadObjectAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var periods = (JsonArray)plan["periods"]!;
        Assert.Equal("2027-01-01", (string?)periods[0]!["firstDay"]);
        Assert.Equal("2027-02-28", (string?)periods[0]!["lastDay"]);
        Assert.Equal(chairs[1].ToString(), (string?)periods[1]!["personId"]);
        Assert.True((int)plan["reminders"]!["added"]! >= periods.Count * 2 - 2);

        // Planning again replaces the future instead of doubling it.
        var again = await (await officer.PutAsJsonAsync($"/api/bodies/{body}/rotation", new { start = "2027-01-01", order = chairs })).ReadObjectAsync();
        Assert.Equal((int)plan["reminders"]!["added"]!, (int)again["reminders"]!["added"]! + (int)again["reminders"]!["updated"]! + (int)again["reminders"]!["unchanged"]!);
    }

    [Fact]
    public async Task ARotationNamingSomeoneWhoIsNotAChair_IsRefused()
    {
        var body = await RegisteredBodyAsync();
        var officers = await PeopleAsync("notchair", Roles.Officer, 2);
        await factory.CreateUserAsync("rot-officer2", Roles.Officer, TestRegions.Town);
        var officer = await factory.SignInAsync("rot-officer2");
        await (await officer.PutAsJsonAsync($"/api/bodies/{body}/rotation", new { start = "2027-01-01", order = officers })).AssertProblemAsync(400, "validation");
    }

    [Fact]
    public async Task Seed003sFiftyThreeExecutivesInSixGroupsOfFiveToSeven_AreRefusedWithTheNearestValidSplit()
    {
        var body = await RegisteredBodyAsync();
        var executives = await PeopleAsync("exec", Roles.Chair, 53);
        await factory.AddLinkedExecutivesAsync(body, executives);
        await factory.CreateUserAsync("duty-officer", Roles.Officer, TestRegions.Town);
        var officer = await factory.SignInAsync("duty-officer");

        var refused = await (await officer.PutAsJsonAsync($"/api/bodies/{body}/duty-groups", new { start = "2027-01-01", executives, groups = 6, minSize = 5, maxSize = 7 }))
            .AssertProblemAsync(422, "rule-refused");
        var proposals = (JsonArray)refused["proposals"]!;
        Assert.Contains(proposals, p => (int)p!["groupCount"]! == 8 && (int)p["minGroupSize"]! == 5 && (int)p["maxGroupSize"]! == 7);

        var split = await (await officer.PutAsJsonAsync($"/api/bodies/{body}/duty-groups", new { start = "2027-01-01", executives, groups = 8, minSize = 5, maxSize = 7 })).ReadObjectAsync();
        var sizes = ((JsonArray)split["groups"]!).Select(g => ((JsonArray)g!["memberIds"]!).Count).ToList();
        Assert.Equal(53, sizes.Sum());
        Assert.All(sizes, s => Assert.InRange(s, 5, 7));
        Assert.True((int)split["reminders"]!["added"]! > 0);
    }

    [Fact]
    public async Task ADutyGroupNamingSomeoneOffTheBodysExecutiveCommittee_IsRefused_AndTheGroupsStayAsTheyWere()
    {
        var body = await RegisteredBodyAsync();
        var executives = await PeopleAsync("onexec", Roles.Chair, 4);
        await factory.AddLinkedExecutivesAsync(body, executives);
        var outsider = (await PeopleAsync("offexec", Roles.Chair, 1))[0];
        await factory.CreateUserAsync("duty-officer2", Roles.Officer, TestRegions.Town);
        var officer = await factory.SignInAsync("duty-officer2");
        var planned = await officer.PutAsJsonAsync($"/api/bodies/{body}/duty-groups", new { start = "2027-01-01", executives, groups = 2, minSize = 2, maxSize = 2 });
        Assert.Equal(HttpStatusCode.OK, planned.StatusCode);

        var refused = await (await officer.PutAsJsonAsync($"/api/bodies/{body}/duty-groups",
            new { start = "2027-01-01", executives = executives.Skip(1).Append(outsider), groups = 2, minSize = 2, maxSize = 2 })).AssertProblemAsync(400, "validation");

        Assert.StartsWith("执委轮值小组只能由本组织执委会成员组成，这些人不是中国水暖城妇联的执委：offexec", (string?)refused["errors"]!["executives"]![0], StringComparison.Ordinal);
        var kept = await (await officer.GetAsync($"/api/bodies/{body}/duty-groups")).ReadObjectAsync();
        Assert.Equal([1, 2], ((JsonArray)kept["turns"]!).Take(2).Select(t => (int)t!["number"]!));
        Assert.Equal(executives.Order(), ((JsonArray)kept["groups"]!).SelectMany(g => (JsonArray)g!["memberIds"]!).Select(m => Guid.Parse((string)m!)).Order());
    }
}
