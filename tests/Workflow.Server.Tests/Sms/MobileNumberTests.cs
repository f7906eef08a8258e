using System.Net.Http.Json;
using Workflow.Server.Tests.Support;

namespace Workflow.Server.Tests.Sms;

/// <summary>A person gives her mobile number and turns text messages on; the number is only ever shown masked, to her and to admins.</summary>
public abstract class MobileNumberTests(Store store)
{
    private const string Number = "13800138000";

    [Fact]
    public async Task APersonGivesHerNumber_TurnsSmsOn_AndSeesItMasked_WhileBadNumbersAndSmsWithoutANumberAreRefused()
    {
        await using var factory = await store.NewServiceAsync();
        await factory.CreateChairAsync("chair-mobile");
        var person = await factory.SignInAsync("chair-mobile");

        await (await person.PutAsJsonAsync("/api/me/notification-settings", new { sms = true })).AssertProblemAsync(400, "validation");
        await (await person.PutAsJsonAsync("/api/me/notification-settings", new { mobile = "12345" })).AssertProblemAsync(400, "validation");

        var response = await person.PutAsJsonAsync("/api/me/notification-settings", new { sms = true, mobile = "+86 138-0013-8000" });
        var raw = await response.Content.ReadAsStringAsync();
        response.EnsureSuccessStatusCode();
        Assert.DoesNotContain(Number, raw, StringComparison.Ordinal);
        var shown = await (await person.GetAsync("/api/me/notification-settings")).ReadObjectAsync();
        Assert.Equal((true, "138****8000"), ((bool)shown["sms"]!, (string?)shown["mobile"]));

        // Removing the number while text messages are on would leave a channel with nowhere to go.
        await (await person.PutAsJsonAsync("/api/me/notification-settings", new { mobile = "" })).AssertProblemAsync(400, "validation");
        var off = await (await person.PutAsJsonAsync("/api/me/notification-settings", new { sms = false, mobile = "" })).ReadObjectAsync();
        Assert.Equal((false, null), ((bool)off["sms"]!, (string?)off["mobile"]));
    }

    [Fact]
    public async Task AnAdminSetsANumber_SeesItMasked_AndABadOneIsRefused()
    {
        await using var factory = await store.NewServiceAsync();
        var id = await factory.CreateChairAsync("chair-admin-mobile");
        var admin = await factory.AdminAsync();

        await (await admin.PatchAsJsonAsync($"/api/admin/users/{id}", new { mobile = "23800138000" })).AssertProblemAsync(400, "validation");
        var changed = await admin.PatchAsJsonAsync($"/api/admin/users/{id}", new { mobile = Number });
        changed.EnsureSuccessStatusCode();
        Assert.DoesNotContain(Number, await changed.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var read = await admin.GetAsync($"/api/admin/users/{id}");
        var raw = await read.Content.ReadAsStringAsync();
        Assert.DoesNotContain(Number, raw, StringComparison.Ordinal);
        Assert.Contains("138****8000", raw, StringComparison.Ordinal);
    }
}

public sealed class MobileNumberTestsOnSqlite() : MobileNumberTests(Store.Sqlite);

public sealed class MobileNumberTestsOnPostgreSql() : MobileNumberTests(Store.PostgreSql);
