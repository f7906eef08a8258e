using System.Text;
using System.Text.Json.Nodes;
using Workflow.Server.Tests.Support;

namespace Workflow.Server.Tests.Hosting;

/// <summary>Every request body is checked before any handler runs: a missing or null required part, or a null in a list, is a 400 naming the field.</summary>
public sealed class RequestValidationTests(ServiceFactory factory) : IClassFixture<ServiceFactory>
{
    private static StringContent Body(string json) => new(json, Encoding.UTF8, "application/json");

    private static string[] Fields(JsonObject problem) => [.. ((JsonObject)problem["errors"]!).Select(e => e.Key)];

    [Fact]
    public async Task ANullRequiredPart_Is400NamingIt()
    {
        var admin = await factory.AdminAsync();
        var problem = await (await admin.PostAsync("/api/organizations", Body("""{"facts":null}"""))).AssertProblemAsync(400, "validation");
        Assert.Contains("facts", Fields(problem));
    }

    [Fact]
    public async Task AMissingNestedPart_Is400NamingItsPath()
    {
        var admin = await factory.AdminAsync();
        var problem = await (await admin.PutAsync($"/api/organizations/{Guid.NewGuid()}", Body("""{"revision":1,"facts":{"sector":"newEconomic"}}""")))
            .AssertProblemAsync(400, "validation");
        Assert.Contains("facts.name", Fields(problem));
        Assert.Contains("facts.regionCode", Fields(problem));
    }

    [Fact]
    public async Task ANullInAList_Is400_BeforeTheRequestIsLookedUp()
    {
        var admin = await factory.AdminAsync();
        var body = """{"executiveSeats":21,"viceChairSeats":3,"congressDate":"2026-05-01","executiveCandidates":[null],"chairCandidateIds":[],"viceChairCandidateIds":[]}""";
        var problem = await (await admin.PutAsync($"/api/foundings/{Guid.NewGuid()}/candidates", Body(body))).AssertProblemAsync(400, "validation");
        Assert.Equal(["executiveCandidates"], Fields(problem));
    }

    [Fact]
    public async Task NullRoles_Is400()
    {
        var admin = await factory.AdminAsync();
        var problem = await (await admin.PostAsync("/api/admin/users", Body("""{"userName":"u","displayName":"u","roles":null,"approverKind":null,"regionCode":"350583"}""")))
            .AssertProblemAsync(400, "validation");
        Assert.Equal(["roles"], Fields(problem));
    }

    [Fact]
    public async Task AYearOutOfRange_Is400()
    {
        var admin = await factory.AdminAsync();
        var problem = await (await admin.PutAsync("/api/coverage/targets", Body("""{"regionCode":"350583","year":1990,"bodies":1,"microHomes":0}""")))
            .AssertProblemAsync(400, "validation");
        Assert.Equal(["year"], Fields(problem));
    }
}
