using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Workflow.Server.Accounts;
using Workflow.Server.Tests.Support;

namespace Workflow.Server.Tests.Holidays;

public sealed class HolidaysApiTests
{
    [Fact]
    public async Task AnAdmin_SeesTheNoticeAndSetsAndRemovesAnOverride_OthersAreRefused_ABadDateIs400()
    {
        await using var factory = new ServiceFactory();
        var admin = await factory.AdminAsync();

        var year = JsonNode.Parse(await admin.GetStringAsync("/api/admin/holidays?year=2026"))!;
        Assert.Equal("国务院办公厅关于2026年部分节假日安排的通知", (string?)year["source"]!["title"]);
        Assert.Contains(year["days"]!.AsArray(), d => (string?)d!["date"] == "2026-10-10" && (string?)d["kind"] == "workday");
        Assert.NotNull((string?)JsonNode.Parse(await admin.GetStringAsync("/api/admin/holidays?year=2027"))!["warning"]);

        var set = await admin.PutAsJsonAsync("/api/admin/holidays/2026-03-16", new { kind = "holiday", name = "防汛" });
        Assert.Equal(HttpStatusCode.OK, set.StatusCode);
        Assert.Contains(JsonNode.Parse(await admin.GetStringAsync("/api/admin/holidays?year=2026"))!["days"]!.AsArray(), d => (string?)d!["date"] == "2026-03-16" && (bool)d["overridden"]!);
        await (await admin.PutAsJsonAsync("/api/admin/holidays/2026-13-40", new { kind = "holiday", name = "x" })).AssertProblemAsync(400, "validation");
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync("/api/admin/holidays/2026-03-16")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.DeleteAsync("/api/admin/holidays/2026-03-16")).StatusCode);

        await factory.CreateUserAsync("holiday-officer", Roles.Officer, TestRegions.District);
        var officer = await factory.SignInAsync("holiday-officer");
        Assert.Equal(HttpStatusCode.Forbidden, (await officer.PutAsJsonAsync("/api/admin/holidays/2026-03-16", new { kind = "holiday", name = "防汛" })).StatusCode);
    }
}
