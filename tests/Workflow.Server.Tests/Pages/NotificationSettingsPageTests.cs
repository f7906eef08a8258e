using System.Net;
using System.Text.Json.Nodes;
using Workflow.Server.Tests.Support;

namespace Workflow.Server.Tests.Pages;

/// <summary>
/// 提醒方式 on the 消息 page: a chair chooses her channels, gives her mobile number (shown back masked) and moves her quiet hours;
/// a bad number or time is refused in Chinese and nothing is saved.
/// </summary>
public sealed class NotificationSettingsPageTests(ServiceFactory factory) : IClassFixture<ServiceFactory>
{
    [Fact]
    public async Task AChairTurnsOnSms_WithHerNumber_MovesHerQuietHours_AndABadNumberIsRefusedInChinese()
    {
        var tag = Guid.NewGuid().ToString("N")[..6];
        await factory.CreateChairAsync($"n-chair-{tag}");
        var page = await factory.SignInPageAsync($"n-chair-{tag}");
        var api = await factory.SignInAsync($"n-chair-{tag}");

        var shown = await page.GetStringAsync("/notifications");
        Assert.Contains("id=\"settings-form\"", shown, StringComparison.Ordinal);
        Assert.Contains("id=\"quiet-from\" name=\"Channels.QuietFrom\" type=\"time\" value=\"21:00\"", shown, StringComparison.Ordinal);

        var bad = await page.PostFormAsync("/notifications?handler=Settings", Form("12345", "22:00"), formPage: "/notifications");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("请填写 11 位大陆手机号码", await bad.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal("21:00", (string?)(await (await api.GetAsync("/api/me/notification-settings")).ReadObjectAsync())["quietFrom"]);

        var saved = await page.PostFormAsync("/notifications?handler=Settings", Form("13900139000", "22:00"), formPage: "/notifications");
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var after = await page.GetStringAsync("/notifications");
        Assert.Contains("已登记：139****9000", after, StringComparison.Ordinal);
        Assert.DoesNotContain("13900139000", after, StringComparison.Ordinal);
        JsonObject settings = await (await api.GetAsync("/api/me/notification-settings")).ReadObjectAsync();
        Assert.Equal((true, "22:00", "07:30", false), ((bool)settings["sms"]!, (string?)settings["quietFrom"], (string?)settings["quietUntil"], (bool)settings["email"]!));
    }

    [Fact]
    public async Task AChairChoosesTheDailyDigestForEmail_AndThePageShowsItChosen()
    {
        var tag = Guid.NewGuid().ToString("N")[..6];
        await factory.CreateChairAsync($"d-chair-{tag}");
        var page = await factory.SignInPageAsync($"d-chair-{tag}");
        var api = await factory.SignInAsync($"d-chair-{tag}");
        Assert.Contains("每日摘要（北京时间 08:30）", await page.GetStringAsync("/notifications"), StringComparison.Ordinal);

        var saved = await page.PostFormAsync("/notifications?handler=Settings", new Dictionary<string, string>
        {
            ["Channels.InApp"] = "true", ["Channels.Email"] = "true", ["Channels.EmailMode"] = "digest", ["Channels.SmsMode"] = "each",
            ["Channels.QuietHours"] = "true", ["Channels.QuietFrom"] = "21:00", ["Channels.QuietUntil"] = "08:00",
        }, formPage: "/notifications");

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var settings = await (await api.GetAsync("/api/me/notification-settings")).ReadObjectAsync();
        Assert.Equal(("digest", "off"), ((string?)settings["emailMode"], (string?)settings["smsMode"]));
        Assert.Contains("<option value=\"digest\" selected=\"selected\">每日摘要", await page.GetStringAsync("/notifications"), StringComparison.Ordinal);
    }

    private static Dictionary<string, string> Form(string mobile, string quietFrom) => new()
    {
        ["Channels.InApp"] = "true", ["Channels.Sms"] = "true", ["Channels.Mobile"] = mobile,
        ["Channels.QuietHours"] = "true", ["Channels.QuietFrom"] = quietFrom, ["Channels.QuietUntil"] = "07:30",
    };
}
