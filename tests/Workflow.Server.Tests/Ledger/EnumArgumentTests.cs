using System.Net;
using Workflow.Server.Tests.Support;

namespace Workflow.Server.Tests.Ledger;

/// <summary>Enum values in paths and queries work as the OpenAPI document spells them, in any case, or as the numbers defined.</summary>
public sealed class EnumArgumentTests(ServiceFactory factory) : IClassFixture<ServiceFactory>
{
    [Theory]
    [InlineData("women")]
    [InlineData("exemplars")]
    [InlineData("EXEMPLARS")]
    [InlineData("Women")]
    [InlineData("1")]
    public async Task ARosterNamedAsDocumented_IsListed(string roster)
    {
        var admin = await factory.AdminAsync();
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync($"/api/rosters/{roster}")).StatusCode);
    }

    [Theory]
    [InlineData("99")]
    [InlineData("men")]
    public async Task AnUndefinedRoster_Is400(string roster)
    {
        var admin = await factory.AdminAsync();
        var problem = await (await admin.GetAsync($"/api/rosters/{roster}")).AssertProblemAsync(400, "validation");
        Assert.NotNull(problem["errors"]!["roster"]);
    }

    [Fact]
    public async Task AnEnumInTheQuery_IsReadAsDocumented()
    {
        var admin = await factory.AdminAsync();
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/api/organizations?sector=newEconomic")).StatusCode);
        await (await admin.GetAsync("/api/organizations?sector=7")).AssertProblemAsync(400, "validation");
    }
}
