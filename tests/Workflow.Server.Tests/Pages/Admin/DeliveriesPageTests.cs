using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Workflow.Server.Accounts;
using Workflow.Server.Notifications;
using Workflow.Server.Storage;
using Workflow.Server.Tests.Support;
using Workflow.Server.Webhooks;

namespace Workflow.Server.Tests.Pages.Admin;

/// <summary>投递失败: the admin sees every channel's dead letters with their reason, masked, without their text; officers are refused in AdminRefusalTests.</summary>
public sealed class DeliveriesPageTests(ServiceFactory factory) : IClassFixture<ServiceFactory>
{
    private const string SecretText = "激活码 483920";

    [Fact]
    public async Task TheAdminSeesWhyAnSmsAndARobotMessageFailed_MaskedAndWithoutTheirText()
    {
        var chair = await factory.CreateUserAsync("dl-chair-" + Guid.NewGuid().ToString("N")[..6], Roles.Chair, TestRegions.Town);
        var now = factory.Clock.GetUtcNow();
        await AddAsync(new DeadLetter(chair, DeliveryChannel.Sms, "13912345678", "isv.MOBILE_NUMBER_ILLEGAL: 号码格式错误", now.AddMinutes(-5)),
            new DeadLetter(Guid.NewGuid(), DeliveryChannel.Robot, "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=abcdef123456", "93000: invalid webhook url", now.AddMinutes(-10)));
        var admin = await factory.SignInPageAsync("admin", ServiceFactory.AdminPassword);

        var page = await admin.GetStringAsync("/admin/deliveries");

        Assert.Contains("139****5678", page, StringComparison.Ordinal);
        Assert.Contains("号码格式错误", page, StringComparison.Ordinal);
        Assert.Contains("短信", page, StringComparison.Ordinal);
        Assert.Contains("qyapi.weixin.qq.com", page, StringComparison.Ordinal);
        Assert.DoesNotContain("13912345678", page, StringComparison.Ordinal);
        Assert.DoesNotContain("abcdef123456", page, StringComparison.Ordinal);
        Assert.DoesNotContain(SecretText, page, StringComparison.Ordinal);
        var smsOnly = await admin.GetStringAsync("/admin/deliveries?channel=Sms");
        Assert.DoesNotContain("qyapi.weixin.qq.com", smsOnly, StringComparison.Ordinal);
    }

    private sealed record DeadLetter(Guid Recipient, DeliveryChannel Channel, string Target, string Reason, DateTimeOffset FailedAt);

    private async Task AddAsync(params DeadLetter[] letters)
    {
        await using var db = await factory.Services.GetRequiredService<IDbContextFactory<ServiceDbContext>>().CreateDbContextAsync();
        db.DeadLetters.AddRange(letters.Select(l => new DeadLetterRow
        {
            Id = Guid.NewGuid(), DeliveryId = Guid.NewGuid(), Channel = l.Channel, Key = "reminder:" + Guid.NewGuid(), RecipientId = l.Recipient,
            Target = l.Target, Payload = SecretText, Attempts = 5, LastError = l.Reason, FailedAt = l.FailedAt,
        }));
        await db.SaveChangesAsync();
    }
}
