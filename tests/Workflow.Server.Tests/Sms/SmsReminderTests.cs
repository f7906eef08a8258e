using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Time.Testing;
using Workflow.Federation.Reminders;
using Workflow.Server.Notifications;
using Workflow.Server.Sms;
using Workflow.Server.Tests.Support;

namespace Workflow.Server.Tests.Sms;

/// <summary>
/// A reminder to a person who reads text messages leaves as the kind's approved template through the provider: its subject
/// (within the provider's 35 characters) and the short-link code that the template puts after the site's fixed address.
/// </summary>
public abstract class SmsReminderTests(Store store)
{
    private const string Number = "13800138000";
    private static readonly TimeSpan s_wait = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task ATaskReminderAndABodysReminder_GoOutAsTemplates_WhoseCodesOpenTheirPages()
    {
        var clock = new FakeTimeProvider(ServiceFactory.Start);
        await using var provider = new FakeSmsProvider(clock);
        await using var factory = await store.NewServiceAsync(clock);
        provider.Serve(factory, ("TaskReminder", "SMS_TASK"), ("Rotation", "SMS_ROTATION"));
        var chair = await factory.CreateChairAsync("chair-sms");
        var person = await factory.SignInAsync("chair-sms");
        (await person.PutAsJsonAsync("/api/me/notification-settings", new { sms = true, mobile = Number, email = false })).EnsureSuccessStatusCode();
        var (task, body) = (Guid.NewGuid(), Guid.NewGuid());
        var rotation = ReminderKeys.Rotation(body, 0, ReminderKeys.FirstDay, chair);
        var now = factory.Clock.GetUtcNow();

        await factory.Planner().PlanAsync([
            ReminderTestExtensions.Reminder("test:sms:task", chair, now, ReminderKind.TaskReminder) with { Link = $"/api/tasks/{task}" },
            ReminderTestExtensions.Reminder(rotation, chair, now),
        ]);
        Assert.True(await Eventually.HoldsAsync(() => provider.Posts.Count == 2, s_wait), "both text messages leave");
        await factory.SettledAsync();

        var sent = provider.Posts.ToDictionary(p => p.Form["TemplateCode"], p => JsonNode.Parse(p.Form["TemplateParam"])!.AsObject());
        Assert.All(provider.Posts, p => Assert.Equal(Number, p.Form["PhoneNumbers"]));
        Assert.Equal("轮值提醒 test:sms:task", (string?)sent["SMS_TASK"]["subject"]);
        // The rotation key makes a subject longer than a template variable takes: it is cut, not refused.
        var subject = (string)sent["SMS_ROTATION"]["subject"]!;
        Assert.Equal(SmsMessage.ParameterLimit, subject.Length);
        Assert.EndsWith("…", subject, StringComparison.Ordinal);
        Assert.Equal(["code", "subject"], sent.Values.SelectMany(p => p.Select(v => v.Key)).Distinct().Order());

        var browser = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        foreach (var (template, page) in new[] { ("SMS_TASK", $"/tasks/{task}"), ("SMS_ROTATION", $"/bodies/{body}") })
        {
            var code = (string)sent[template]["code"]!;
            Assert.InRange(code.Length, 2, SmsMessage.ParameterLimit);
            Assert.All(code, c => Assert.True(char.IsAsciiLetterOrDigit(c), code));
            var opened = await browser.GetAsync(ShortLinks.Prefix + code);
            Assert.Equal(HttpStatusCode.Redirect, opened.StatusCode);
            Assert.Equal(page, opened.Headers.Location!.OriginalString);
        }
    }
}

public sealed class SmsReminderTestsOnSqlite() : SmsReminderTests(Store.Sqlite);
