using System.Net;
using Workflow.Server.Accounts;
using Workflow.Server.Tests.Support;

namespace Workflow.Server.Tests.Pages;

/// <summary>
/// The body page's 活动 section: an officer records an activity and sees it listed with what the body still lacks to be
/// active, and the body leaves the list of bodies gone quiet; a refused record is shown at its field; a chair is offered no form and her post is refused.
/// </summary>
public sealed class BodyActivitiesPageTests(ServiceFactory factory) : IClassFixture<ServiceFactory>
{
    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public async Task AnOfficerRecordsTheLoveMotherTeam_SeesItListed_AndABadDateIsShownAtItsField()
    {
        var tag = Guid.NewGuid().ToString("N")[..6];
        var body = await factory.RegisteredBodyAsync($"官桥镇{tag}协会妇联", foundedOn: factory.Today().AddDays(-200));
        await factory.CreateUserAsync($"a-officer-{tag}", Roles.Officer, TestRegions.Town);
        var officer = await factory.SignInPageAsync($"a-officer-{tag}");
        var path = $"/bodies/{body}";

        var before = await officer.GetStringAsync(path);
        Assert.Contains("id=\"activity-form\"", before, StringComparison.Ordinal);
        Assert.Contains("尚无活动记录。", before, StringComparison.Ordinal);
        Assert.Contains("<li>尚未组建爱心妈妈队伍</li>", before, StringComparison.Ordinal); // what it lacks to be active
        Assert.Contains($"id=\"quiet-{body}\"><a href=\"/bodies/{body}\">", await officer.GetStringAsync("/coverage/quiet"), StringComparison.Ordinal);

        var tomorrow = await officer.PostFormAsync($"{path}?handler=Activity",
            new() { ["Activity.Kind"] = "loveMotherTeam", ["Activity.HeldOn"] = Day(factory.Today().AddDays(1)), ["Activity.Summary"] = "组建爱心妈妈队伍" }, formPage: path);
        Assert.Equal(HttpStatusCode.BadRequest, tomorrow.StatusCode);
        Assert.Contains("id=\"activity-heldOn-error\">活动日期不能晚于今天", await tomorrow.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var recorded = await officer.PostFormAsync($"{path}?handler=Activity",
            new() { ["Activity.Kind"] = "loveMotherTeam", ["Activity.HeldOn"] = Day(factory.Today().AddDays(-3)), ["Activity.Summary"] = "组建爱心妈妈队伍，12 人" }, formPage: path);
        Assert.Equal(HttpStatusCode.Redirect, recorded.StatusCode);
        var after = await officer.GetStringAsync(path);
        Assert.Contains("已记录活动：组建爱心妈妈队伍，12 人", after, StringComparison.Ordinal);
        Assert.Contains("<strong>爱心妈妈队伍组建</strong>：组建爱心妈妈队伍，12 人", after, StringComparison.Ordinal);
        Assert.DoesNotContain("尚无活动记录。", after, StringComparison.Ordinal);
        Assert.DoesNotContain("<li>尚未组建爱心妈妈队伍</li>", after, StringComparison.Ordinal);
        Assert.Contains("id=\"activity-state\" class=\"ok\"", after, StringComparison.Ordinal);
        Assert.DoesNotContain($"id=\"quiet-{body}\"", await officer.GetStringAsync("/coverage/quiet"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AChair_SeesTheActivities_ButNoForm_AndHerPostIsRefused()
    {
        var tag = Guid.NewGuid().ToString("N")[..6];
        var body = await factory.RegisteredBodyAsync($"官桥镇{tag}园区妇联", foundedOn: factory.Today().AddDays(-30));
        await factory.CreateUserAsync($"a-chair-{tag}", Roles.Chair, TestRegions.Town);
        var chair = await factory.SignInPageAsync($"a-chair-{tag}");
        var path = $"/bodies/{body}";

        var page = await chair.GetStringAsync(path);
        Assert.Contains("id=\"activities-heading\"", page, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"activity-form\"", page, StringComparison.Ordinal);
        var refused = await chair.PostFormAsync($"{path}?handler=Activity",
            new() { ["Activity.Kind"] = "loveMotherTeam", ["Activity.HeldOn"] = Day(factory.Today()), ["Activity.Summary"] = "组建" }, formPage: path);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
    }
}
